package no.xsoffice.mail.domain;

import static no.xsoffice.mail.Api.anonymous;
import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.api.SignatureRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import no.xsoffice.mail.DnsServerResource;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;
import no.xsoffice.mail.send.Mailbox;

@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DnsServerResource.class, scope = TestResourceScope.GLOBAL)
class SendingDomainTest {

    private static final Logger LOG = Logger.getLogger(SendingDomainTest.class);

    @InjectGreenMail
    GreenMail greenMail;

    private final String org = newId("org");
    private final String domain = newId("d").toLowerCase() + ".example";
    private final String base = "/api/v1/organizations/" + org + "/sending-domains";

    private RequestSpecification admin() {
        return as(newId("per"), org, "org-admin");
    }

    private static RequestSpecification sender(String org, String email) {
        return anonymous().auth().oauth2(Jwt.subject(newId("kari")).claim("org", org).groups("user")
                .claim("email", email).claim("name", "Kari Nordmann").expiresIn(Duration.ofMinutes(10)).sign());
    }

    private JsonPath register() {
        return admin().body(json("""
                { "domain": %s }""", domain)).post(base).then().statusCode(201)
                .header("Location", endsWith(base + "/" + domain)).extract().jsonPath();
    }

    private static Map<String, Object> record(JsonPath view, String purpose) {
        List<Map<String, Object>> records = view.getList("records");
        return records.stream().filter(r -> purpose.equals(r.get("purpose"))).findFirst().orElseThrow();
    }

    private void publishAsAsked(JsonPath view) {
        Map<String, Object> dkim = record(view, "DKIM");
        DnsServerResource.txt((String) dkim.get("name"), (String) dkim.get("value"));
        Map<String, Object> returnPath = record(view, "RETURN_PATH");
        DnsServerResource.cname((String) returnPath.get("name"), (String) returnPath.get("value"));
    }

    private String send(RequestSpecification as, String to) {
        return as.body(json("""
                { "to": %s, "subject": "Tilbud", "text": "Hei Ola,\\n\\nher er tilbudet.  \\n\\n\\n" }""",
                List.of(to)))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
    }

    private static List<SignatureRecord> verifyDkim(byte[] raw) throws Exception {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, token) -> DnsServerResource
                .published(selector + "._domainkey." + token));
        return verifier.verify(new ByteArrayInputStream(raw));
    }

    @Test
    void shouldAskForTheDkimKeyTheReturnPathAndAdviseOnSpfAndDmarc() {
        JsonPath view = register();
        assertEquals("PENDING", view.getString("status"));
        assertEquals("rsa-sha256", view.getString("dkim.algorithm"));
        assertEquals(2048, view.getInt("dkim.keyBits"));
        Map<String, Object> dkim = record(view, "DKIM");
        assertEquals(view.getString("dkim.selector") + "._domainkey." + domain, dkim.get("name"));
        assertThat((String) dkim.get("value")).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");
        assertEquals("MISSING", dkim.get("status"));
        assertEquals(Map.of("purpose", "RETURN_PATH", "type", "CNAME", "name", "xsm." + domain,
                "value", "bounces.xs-office.no", "status", "MISSING"), withoutNulls(record(view, "RETURN_PATH")));
        assertEquals("v=spf1 include:spf.xs-office.no ~all", record(view, "SPF").get("value"));
        assertEquals("ADVISORY", record(view, "DMARC").get("status"));
        assertEquals("absent", view.getString("dmarcPolicy"));
        assertThat(view.prettify()).as("no private key in the view").doesNotContain("PRIVATE");

        admin().get(base).then().statusCode(200).body("[0].domain", equalTo(domain));
        admin().get(base + "/" + domain).then().statusCode(200).body("status", equalTo("PENDING"));
    }

    @Test
    void shouldVerifyPublishedRecordsAndSignRelayMailWithTheDomainsReturnPath() throws Exception {
        JsonPath view = register();
        publishAsAsked(view);
        DnsServerResource.txt("_dmarc." + domain, "v=DMARC1; p=reject");
        JsonPath verified = admin().post(base + "/" + domain + "/verify").then().statusCode(200).extract().jsonPath();
        assertEquals("VERIFIED", verified.getString("status"), verified.prettify());
        assertEquals("PASS", record(verified, "DKIM").get("status"));
        assertEquals("PASS", record(verified, "RETURN_PATH").get("status"));
        assertEquals("reject", verified.getString("dmarcPolicy"));
        assertNull(verified.get("error"));

        RequestSpecification kari = sender(org, "kari@" + domain);
        kari.get("/api/v1/users/me/effective-transport").then().statusCode(200)
                .body("transport", equalTo("SYSTEM")).body("dkimDomain", equalTo(domain));
        String to = "ola@" + newId("r") + ".example";
        String location = send(kari, to);
        Mailbox.awaitStatus(kari, location, "SENT");
        MimeMessage received = Mailbox.await(greenMail, to.substring(to.indexOf('@') + 1), 1).get(0);
        byte[] raw = GreenMailUtil.getWholeMessage(received).getBytes(StandardCharsets.ISO_8859_1);
        String headers = new String(raw, 0, new String(raw).indexOf("\r\n\r\n"));
        LOG.infof("A signed message as received:%n%s", headers);

        List<SignatureRecord> valid = verifyDkim(raw);
        assertEquals(1, valid.size());
        assertEquals(domain, valid.get(0).getDToken().toString());
        assertEquals("relaxed", valid.get(0).getHeaderCanonicalisationMethod());
        assertEquals("relaxed", valid.get(0).getBodyCanonicalisationMethod());
        // the envelope sender is the message's VERP address on the domain's return path (bounces name the message)
        assertThat(received.getHeader("Return-Path")[0]).as(headers)
                .matches("<?b-[0-9a-f]{32}@xsm\\." + Pattern.quote(domain) + ">?");
        assertEquals("Kari Nordmann <kari@" + domain + ">", received.getHeader("From")[0]);
        kari.get(location).then().body("fromRewritten", equalTo(null));
    }

    @Test
    void shouldOversignTheHeadersThatMatterSoThatOneAddedAfterSigningBreaksTheSignature() throws Exception {
        publishAsAsked(register());
        admin().post(base + "/" + domain + "/verify").then().statusCode(200).body("status", equalTo("VERIFIED"));
        RequestSpecification kari = sender(org, "kari@" + domain);
        String to = "ola@" + newId("r") + ".example";
        Mailbox.awaitStatus(kari, send(kari, to), "SENT");
        MimeMessage received = Mailbox.await(greenMail, to.substring(to.indexOf('@') + 1), 1).get(0);
        String raw = GreenMailUtil.getWholeMessage(received);
        assertThat(verifyDkim(raw.getBytes(StandardCharsets.ISO_8859_1))).hasSize(1);
        assertThat(received.getHeader("DKIM-Signature")[0].replaceAll("\\s+", ""))
                .contains("h=from:from:to:to:subject:subject:").containsPattern("[:=]reply-to[:;]"); // absent, signed so

        for (String added : List.of("From: Kari <kari@" + domain + ">", "To: mallory@evil.example",
                "Subject: Betal fakturaen i dag", "Reply-To: mallory@evil.example")) {
            byte[] tampered = (added + "\r\n" + raw).getBytes(StandardCharsets.ISO_8859_1);
            assertThatThrownBy(() -> verifyDkim(tampered)).as(added).isInstanceOf(FailException.class);
        }
    }

    @Test
    void shouldSignTheListUnsubscribeHeadersOfBulkRelayMail() throws Exception {
        publishAsAsked(register());
        admin().post(base + "/" + domain + "/verify").then().statusCode(200).body("status", equalTo("VERIFIED"));
        RequestSpecification kari = sender(org, "kari@" + domain);
        String to = "ola@" + newId("r") + ".example";
        String location = kari.body(json("""
                { "to": [%s], "subject": "Nyhetsbrev", "text": "Hei", "bulk": true }""", to))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
        Mailbox.awaitStatus(kari, location, "SENT");
        MimeMessage received = Mailbox.await(greenMail, to.substring(to.indexOf('@') + 1), 1).get(0);
        String raw = GreenMailUtil.getWholeMessage(received);
        assertThat(verifyDkim(raw.getBytes(StandardCharsets.ISO_8859_1))).hasSize(1);
        // RFC 8058 section 4: both headers are covered by the signature
        assertThat(received.getHeader("DKIM-Signature")[0].replaceAll("\\s+", ""))
                .containsPattern("[:=]list-unsubscribe[:;]").containsPattern("[:=]list-unsubscribe-post[:;]");
        assertEquals("List-Unsubscribe=One-Click", received.getHeader("List-Unsubscribe-Post")[0]);
    }

    @Test
    void shouldFailWhenTheDkimRecordIsWrongAndSendUnsignedFromTheRelaysBounceAddress() throws Exception {
        JsonPath view = register();
        DnsServerResource.txt(view.getString("dkim.selector") + "._domainkey." + domain, "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwrong");
        JsonPath checked = admin().post(base + "/" + domain + "/verify").then().statusCode(200).extract().jsonPath();
        assertEquals("FAILING", checked.getString("status"));
        assertEquals("WRONG", record(checked, "DKIM").get("status"));
        assertEquals("MISSING", record(checked, "RETURN_PATH").get("status"));

        RequestSpecification kari = sender(org, "kari@" + domain);
        String to = "ola@" + newId("r") + ".example";
        Mailbox.awaitStatus(kari, send(kari, to), "SENT");
        MimeMessage received = Mailbox.await(greenMail, to.substring(to.indexOf('@') + 1), 1).get(0);
        assertNull(received.getHeader("DKIM-Signature"));
        assertThat(received.getHeader("Return-Path")[0]).matches("<?b-[0-9a-f]{32}@bounces\\.xs-office\\.no>?");
    }

    @Test
    void shouldRewriteAnUnauthorisedFromUnderStrictDmarcAndSayWhy() throws Exception {
        String strict = newId("strict").toLowerCase() + ".example";
        DnsServerResource.txt("_dmarc." + strict, "v=DMARC1; p=quarantine; rua=mailto:d@" + strict);
        RequestSpecification kari = sender(org, "kari@" + strict);
        kari.get("/api/v1/users/me/effective-transport").then().statusCode(200)
                .body("fromRewritten.reason", containsString("p=quarantine"))
                .body("fromRewritten.from", equalTo("Kari Nordmann via XS Office <bounce@mail.xs-office.no>"));
        String to = "ola@" + newId("r") + ".example";
        String location = send(kari, to);
        Mailbox.awaitStatus(kari, location, "SENT");
        MimeMessage received = Mailbox.await(greenMail, to.substring(to.indexOf('@') + 1), 1).get(0);
        assertEquals("Kari Nordmann via XS Office <bounce@mail.xs-office.no>", received.getHeader("From")[0]);
        assertEquals("Kari Nordmann <kari@" + strict + ">", received.getHeader("Reply-To")[0]);
        kari.get(location).then().body("fromRewritten.reason", containsString(strict))
                .body("fromRewritten.from", equalTo("Kari Nordmann via XS Office <bounce@mail.xs-office.no>"));
    }

    @Test
    void shouldReportADnsTimeoutAsFailingNotAsAnError() {
        JsonPath view = register();
        DnsServerResource.silent(record(view, "DKIM").get("name").toString());
        admin().post(base + "/" + domain + "/verify").then().statusCode(200)
                .body("status", equalTo("FAILING")).body("error", containsString("No answer from DNS"))
                .body("checkedAt", notNullValue());
    }

    @Test
    void shouldKeepEachOrganisationsDomainsToItself() {
        register();
        String other = newId("org");
        as(newId("per"), other, "org-admin").get("/api/v1/organizations/" + other + "/sending-domains/" + domain)
                .then().statusCode(404);
        as(newId("per"), other, "org-admin").body(json("""
                { "domain": %s }""", domain.toUpperCase()))
                .post("/api/v1/organizations/" + other + "/sending-domains").then().statusCode(409)
                .body("detail", containsString("another organisation"));
        as(newId("per"), other, "org-admin").get(base + "/" + domain).then().statusCode(404);
        as(newId("kari"), org, "user").get(base).then().statusCode(403);
        as(newId("per"), other, "org-admin").delete("/api/v1/organizations/" + other + "/sending-domains/" + domain)
                .then().statusCode(404);
        admin().delete(base + "/" + domain).then().statusCode(204);
        admin().get(base + "/" + domain).then().statusCode(404);
    }

    @Test
    void shouldRejectWhatIsNotADomainNamingTheField() {
        for (Object bad : List.of("not a domain", "localhost", "firma..no", "10.0.0.1", "-x.no", "a@b.no", 42)) {
            admin().body(json("""
                    { "domain": %s }""", bad)).post(base).then().statusCode(400)
                    .body("errors[0].field", equalTo("domain"));
        }
        admin().body("{}").post(base).then().statusCode(400).body("errors[0].field", equalTo("domain"));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> record) {
        Map<String, Object> copy = new HashMap<>(record);
        copy.values().removeIf(Objects::isNull);
        return copy;
    }
}
