package no.xsoffice.mail.suppression;

import static no.xsoffice.mail.Api.anonymous;
import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.DnsServerResource;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;
import no.xsoffice.mail.send.Mailbox;
import no.xsoffice.mail.webhook.Receiver;

/**
 * Bounces, complaints, one-click unsubscribes and administrators put addresses on an organisation's suppression list,
 * and the next relay mail to them is not tried; a user's own server is not held to it. Against the real relay
 * (GreenMail) and real notifications and reports (src/test/resources/dsn, arf).
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DnsServerResource.class, scope = TestResourceScope.GLOBAL)
class SuppressionTest {

    private static final String BOUNCES = "/api/v1/inbound/bounces";
    private static final String COMPLAINTS = "/api/v1/inbound/complaints";

    @InjectGreenMail
    GreenMail greenMail;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String admin = newId("admin");
    /** One domain per address, so that GreenMail's copies can be counted address by address. */
    private final String olaDomain = newId("ola") + ".example";
    private final String perDomain = newId("per") + ".example";
    private final String ola = "ola@" + olaDomain;
    private final String per = "per@" + perDomain;

    private RequestSpecification kari() {
        return as(user, org, "user");
    }

    private RequestSpecification admin() {
        return as(admin, org, "org-admin");
    }

    private RequestSpecification relay() {
        return as("mta", org, "service");
    }

    private String suppressions() {
        return "/api/v1/organizations/" + org + "/suppressions";
    }

    private record Sent(String location, JsonPath accepted, String verp, String messageId) {
    }

    /** Sends through the relay and waits for it to be final; verp and messageId are of the copy to the first address. */
    private Sent send(String to, String... more) throws Exception {
        List<String> recipients = new java.util.ArrayList<>(List.of(to));
        recipients.addAll(List.of(more));
        var response = kari().body(json("""
                { "to": %s, "subject": "Tilbud", "text": "Hei" }""", recipients))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract();
        JsonPath view = Mailbox.awaitStatus(kari(), response.header("Location"), "SENT");
        String domain = to.substring(to.indexOf('@') + 1);
        MimeMessage[] received = greenMail.getReceivedMessagesForDomain(domain);
        if (received.length == 0 || !view.getString("messageId").equals(received[received.length - 1].getMessageID())) {
            return new Sent(response.header("Location"), response.jsonPath(), null, view.getString("messageId"));
        }
        MimeMessage copy = received[received.length - 1];
        return new Sent(response.header("Location"), response.jsonPath(),
                copy.getHeader("Return-Path")[0].replaceAll("[<>]", "").trim(), copy.getMessageID());
    }

    private static byte[] sample(String resource, Sent sent, String recipient) throws Exception {
        try (InputStream in = SuppressionTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replace("${VERP}", sent.verp())
                    .replace("${RCPT}", recipient).replace("${MESSAGE_ID}", sent.messageId())
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static JsonPath recipient(JsonPath view, String address) {
        List<Map<String, Object>> recipients = view.getList("recipients");
        return JsonPath.from(new ObjectMapper().valueToTree(recipients.stream()
                .filter(r -> address.equalsIgnoreCase((String) r.get("address"))).findFirst().orElseThrow()).toString());
    }

    /** The copies in the address's own mailbox (GreenMail files one per envelope recipient). */
    private int copiesTo(String address) throws Exception {
        GreenMailUser mailbox = greenMail.getUserManager().getUserByEmail(address.toLowerCase(java.util.Locale.ROOT));
        return mailbox == null ? 0 : greenMail.getManagers().getImapHostManager().getInbox(mailbox).getMessageCount();
    }

    private Receiver receiver(String... events) throws Exception {
        Receiver receiver = new Receiver(0);
        JsonPath hook = admin().body(json("""
                { "url": %s, "events": %s }""", receiver.url(), List.of(events)))
                .post("/api/v1/organizations/" + org + "/webhooks").then().statusCode(201).extract().jsonPath();
        receiver.secret(hook.getString("secret"));
        return receiver;
    }

    private static List<String> types(Receiver receiver) {
        return receiver.calls().stream().map(c -> JsonPath.from(c.body()).getString("type")).toList();
    }

    @Test
    void shouldSuppressAfterAHardBounceSoTheNextSendSkipsThatAddressWhileTheOthersAreDelivered() throws Exception {
        Sent first = send(ola, per);
        relay().contentType("message/rfc822").body(sample("/dsn/postfix-user-unknown.eml", first, ola))
                .post(BOUNCES).then().statusCode(200).body("suppressed", contains(ola));
        admin().get(suppressions() + "/" + ola).then().statusCode(200)
                .body("reason", equalTo("HARD_BOUNCE")).body("messageId", equalTo(first.messageId()))
                .body("reply", containsString("5.1.1")).body("expiresAt", nullValue()).body("createdBy", nullValue());
        assertEquals(1, copiesTo(ola));

        // the address in another case is the same address
        String shouted = "OLA@" + olaDomain.toUpperCase();
        Sent second = send(shouted, per);
        // the envelope has the domain as the address package writes it (lower-case), the local part as given
        assertThat(second.accepted().getList("suppressed", String.class)).containsExactly("OLA@" + olaDomain);
        JsonPath view = kari().get(second.location()).then().statusCode(200).extract().jsonPath();
        assertEquals("SUPPRESSED", recipient(view, shouted).getString("status"), view.prettify());
        assertThat(recipient(view, shouted).getString("reply")).contains("suppression list").contains("HARD_BOUNCE");
        assertEquals("ACCEPTED", recipient(view, per).getString("status"));
        assertEquals("SENT", view.getString("status"));
        assertEquals("Not sent to 1 recipient(s) on the organisation's suppression list", view.getString("lastError"));
        assertEquals(2, copiesTo(per), "the other recipient has both");
        assertEquals(1, copiesTo(ola), "no second copy to the suppressed address");
    }

    @Test
    void shouldFailAMessageWhoseRecipientsAreAllSuppressed() throws Exception {
        admin().put(suppressions() + "/" + ola).then().statusCode(200).body("reason", equalTo("MANUAL"))
                .body("createdBy", equalTo(admin));
        var response = kari().body(json("""
                { "to": [%s], "subject": "Tilbud", "text": "Hei" }""", ola))
                .post("/api/v1/users/me/messages").then().statusCode(202).body("suppressed", contains(ola)).extract();
        JsonPath view = Mailbox.awaitStatus(kari(), response.header("Location"), "FAILED");
        assertEquals("SUPPRESSED", recipient(view, ola).getString("status"));
        assertThat(view.getString("lastError")).contains("suppression list");
        assertEquals(0, copiesTo(ola));
    }

    @Test
    void shouldCountSoftBouncesAndSuppressAtTheThirdWithinTheWindowForThirtyDays() throws Exception {
        for (int i = 1; i <= 3; i++) {
            Sent sent = send(ola);
            String sample = i == 2 ? "/dsn/exchange-mailbox-full.eml" : "/dsn/postfix-connection-timed-out.eml";
            var answer = relay().contentType("message/rfc822").body(sample(sample, sent, ola)).post(BOUNCES)
                    .then().statusCode(200).extract().jsonPath();
            if (i < 3) {
                assertThat(answer.getList("suppressed")).as("soft bounce " + i).isEmpty();
                admin().get(suppressions() + "/" + ola).then().statusCode(404);
            } else {
                assertThat(answer.getList("suppressed", String.class)).containsExactly(ola);
            }
        }
        JsonPath entry = admin().get(suppressions() + "/" + ola).then().statusCode(200)
                .body("reason", equalTo("SOFT_BOUNCE")).extract().jsonPath();
        Instant expires = Instant.parse(entry.getString("expiresAt"));
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
    }

    @Test
    void shouldMarkAComplaintCOMPLAINEDSuppressTheAddressAndSendItsEvents() throws Exception {
        try (Receiver receiver = receiver("message.complained", "suppression.created", "suppression.deleted")) {
            Sent sent = send(ola, per);
            relay().contentType("message/rfc822").body(sample("/arf/yahoo-abuse.eml", sent, ola)).post(COMPLAINTS)
                    .then().statusCode(200).body("complained[0].address", equalTo(ola))
                    .body("complained[0].status", equalTo("COMPLAINED")).body("suppressed", contains(ola));
            JsonPath view = kari().get(sent.location()).then().statusCode(200).extract().jsonPath();
            assertEquals("COMPLAINED", recipient(view, ola).getString("status"));
            assertEquals("ACCEPTED", recipient(view, per).getString("status"));
            assertEquals("SENT", view.getString("status"));
            admin().get(suppressions()).then().statusCode(200).body("", hasSize(1))
                    .body("[0].address", equalTo(ola)).body("[0].reason", equalTo("COMPLAINT"));
            // the same report again changes nothing
            relay().contentType("message/rfc822").body(sample("/arf/yahoo-abuse.eml", sent, ola)).post(COMPLAINTS)
                    .then().statusCode(200).body("complained", empty());

            Awaitility.await().atMost(Duration.ofSeconds(20)).dontCatchUncaughtExceptions().until(() -> receiver.calls().size() >= 2);
            assertThat(receiver.calls()).allMatch(Receiver.Call::verified);
            assertThat(types(receiver)).containsExactlyInAnyOrder("message.complained", "suppression.created");
            JsonPath created = receiver.calls().stream().map(c -> JsonPath.from(c.body()))
                    .filter(b -> b.getString("type").equals("suppression.created")).findFirst().orElseThrow();
            assertEquals(ola, created.getString("data.address"));
            assertEquals("COMPLAINT", created.getString("data.reason"));

            // an administrator lifts it: an event, and the next mail goes out
            admin().delete(suppressions() + "/" + ola).then().statusCode(204);
            admin().delete(suppressions() + "/" + ola).then().statusCode(404);
            Awaitility.await().atMost(Duration.ofSeconds(20)).dontCatchUncaughtExceptions().until(() -> receiver.calls().size() >= 3);
            assertThat(types(receiver)).contains("suppression.deleted");
            Sent again = send(ola);
            assertThat(again.accepted().getList("suppressed")).isEmpty();
            assertEquals(2, copiesTo(ola));
        }
    }

    @Test
    void shouldChangeNothingOnANotSpamReport() throws Exception {
        Sent sent = send(ola);
        byte[] notSpam = new String(sample("/arf/yahoo-abuse.eml", sent, ola), StandardCharsets.US_ASCII)
                .replace("Feedback-Type: abuse", "Feedback-Type: not-spam").getBytes(StandardCharsets.US_ASCII);
        relay().contentType("message/rfc822").body(notSpam).post(COMPLAINTS).then().statusCode(200)
                .body("complained", empty()).body("suppressed", empty());
        admin().get(suppressions() + "/" + ola).then().statusCode(404);
        assertEquals("ACCEPTED", recipient(kari().get(sent.location()).then().extract().jsonPath(), ola).getString("status"));
    }

    @Test
    void shouldFindTheComplainedMessageByTheMessageIdOfTheReturnedHeaders() throws Exception {
        Sent sent = send(ola, per);
        relay().contentType("message/rfc822").body(sample("/arf/rfc5965-headers-only.eml", sent, per)).post(COMPLAINTS)
                .then().statusCode(200).body("complained[0].address", equalTo(per)).body("suppressed", contains(per));
    }

    @Test
    void shouldAnswer422ToAnythingButAReportAndToAReportOfAnUnknownMessage() throws Exception {
        relay().contentType("message/rfc822").body("From: a@b.example\r\nSubject: hei\r\n\r\nHei\r\n".getBytes(StandardCharsets.US_ASCII))
                .post(COMPLAINTS).then().statusCode(422).body("type", equalTo("urn:xs-mail:problem:not-an-arf-report"))
                .body("detail", containsString("RFC 5965"));
        Sent sent = send(ola);
        relay().contentType("message/rfc822").body(sample("/dsn/postfix-user-unknown.eml", sent, ola))
                .post(COMPLAINTS).then().statusCode(422).body("type", equalTo("urn:xs-mail:problem:not-an-arf-report"));
        Sent unknown = new Sent(null, null, "b-0123456789abcdef0123456789abcdef@bounces.xs-office.no", "<nobody@example>");
        relay().contentType("message/rfc822").body(sample("/arf/yahoo-abuse.eml", unknown, ola))
                .post(COMPLAINTS).then().statusCode(422).body("type", equalTo("urn:xs-mail:problem:unknown-message"));
        relay().contentType("message/rfc822").body(new byte[] { 0, 1, 2 })
                .post(COMPLAINTS).then().statusCode(422);
        kari().contentType("message/rfc822").body(new byte[] { 'x' }).post(COMPLAINTS).then().statusCode(403);
        admin().get(suppressions()).then().statusCode(200).body("", empty());
    }

    @Test
    void shouldAnswerBrokenReportsAndAddressesWithAProblemNeverA5xx() {
        String report = "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=feedback-report;"
                + " boundary=\"b\"\r\n\r\n";
        List<String> broken = List.of(
                report, // no parts at all
                report + "--b\r\nContent-Type: message/feedback-report\r\n\r\n", // cut off
                report + "--b\r\nContent-Type: message/feedback-report\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + "!!!not base64!!!\r\n--b--\r\n",
                report + "--b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\n"
                        + "Original-Mail-From: <b-zz@bounces.xs-office.no>\r\nOriginal-Rcpt-To: <\u0000>\r\n--b--\r\n",
                "Content-Type: multipart/report; report-type=feedback-report\r\n\r\nno boundary",
                "Content-Type: multipart/report; report-type=\"\r\n\r\n",
                "X-" + "a".repeat(100_000) + ": b\r\n\r\n",
                "\r\n\r\n\r\n");
        for (String body : broken) {
            int status = relay().contentType("message/rfc822").body(body.getBytes(StandardCharsets.UTF_8))
                    .post(COMPLAINTS).then().extract().statusCode();
            assertThat(status).as(body.substring(0, Math.min(body.length(), 200))).isEqualTo(422);
        }
        for (String address : List.of("x".repeat(300) + "@example.com", "@", "a@b", "ola", "a@@b.example")) {
            admin().put(suppressions() + "/" + address).then().statusCode(400).contentType("application/problem+json");
        }
        for (String encoded : List.of("a%0D%0Ab@c.example", "a%00b@c.example", "a%C3%28@c.example")) { // CR LF, NUL, bad UTF-8
            admin().urlEncodingEnabled(false).put(suppressions() + "/" + encoded).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        admin().queryParam("address", "a\u0000b").get(suppressions()).then().statusCode(400)
                .body("errors[0].field", equalTo("address"));
    }

    @Test
    void shouldNeverLetOneOrganisationsReportsTouchAnothersList() throws Exception {
        String other = newId("org");
        RequestSpecification otherAdmin = as(newId("admin"), other, "org-admin");
        Sent sent = send(ola);
        // the relay of the other organisation hands in a report of this organisation's message
        as("mta", other, "service").contentType("message/rfc822").body(sample("/arf/yahoo-abuse.eml", sent, ola))
                .post(COMPLAINTS).then().statusCode(200);
        otherAdmin.get("/api/v1/organizations/" + other + "/suppressions").then().statusCode(200).body("", empty());
        otherAdmin.get("/api/v1/organizations/" + other + "/suppressions/" + ola).then().statusCode(404);
        admin().get(suppressions() + "/" + ola).then().statusCode(200).body("reason", equalTo("COMPLAINT"));
        // and no one reads or changes another organisation's list
        otherAdmin.get(suppressions()).then().statusCode(404);
        otherAdmin.delete(suppressions() + "/" + ola).then().statusCode(404);
        kari().get(suppressions()).then().statusCode(403);
    }

    @Test
    void shouldSuppressForTheLinksOrganisationOnlyOnAOneClickUnsubscribe() throws Exception {
        var response = kari().body(json("""
                { "to": [%s], "subject": "Nyhetsbrev", "text": "Hei", "bulk": true }""", ola))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract();
        Mailbox.awaitStatus(kari(), response.header("Location"), "SENT");
        MimeMessage received = Mailbox.await(greenMail, olaDomain, 1).get(0);
        String header = received.getHeader("List-Unsubscribe", null);
        assertThat(header).matches("(?s)<http://localhost:8081/api/v1/unsubscribe/[A-Za-z0-9_.-]+>,\\s*<mailto:"
                + user + "@firma\\.no\\?subject=unsubscribe>");
        assertEquals("List-Unsubscribe=One-Click", received.getHeader("List-Unsubscribe-Post", null));
        String path = header.substring(header.indexOf("/api/v1/unsubscribe/"), header.indexOf('>'));

        String other = newId("org");
        RequestSpecification otherAdmin = as(newId("admin"), other, "org-admin");
        otherAdmin.put("/api/v1/organizations/" + other + "/suppressions/" + per).then().statusCode(200);

        // as a mail program posts it (RFC 8058): no token, a form body
        anonymous().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(path).then().statusCode(200).body("address", equalTo(ola));
        admin().get(suppressions() + "/" + ola).then().statusCode(200).body("reason", equalTo("UNSUBSCRIBE"))
                .body("createdAt", notNullValue());
        otherAdmin.get("/api/v1/organizations/" + other + "/suppressions/" + ola).then().statusCode(404);
        otherAdmin.get("/api/v1/organizations/" + other + "/suppressions").then().body("", hasSize(1));

        String forged = path.substring(0, path.length() - 2) + (path.endsWith("A") ? "BB" : "AA");
        anonymous().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(forged).then().statusCode(404).body("status", equalTo(404));
        anonymous().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post("/api/v1/unsubscribe/not-a-token").then().statusCode(404);
    }

    @Test
    void shouldSendBulkMailToExactlyOneAddressInTo() {
        kari().body(json("""
                { "to": [%s, %s], "subject": "Nyhetsbrev", "text": "Hei", "bulk": true }""", ola, per))
                .post("/api/v1/users/me/messages").then().statusCode(400).body("errors[0].field", equalTo("to"));
        kari().body(json("""
                { "to": [%s], "cc": [%s], "subject": "Nyhetsbrev", "text": "Hei", "bulk": true }""", ola, per))
                .post("/api/v1/users/me/messages").then().statusCode(400).body("errors[0].field", equalTo("cc"));
    }

    @Test
    void shouldReportSendingHealthOverTheLastDayAndWeek() throws Exception {
        admin().get("/api/v1/organizations/" + org + "/sending-health").then().statusCode(200)
                .body("last24h.sent", equalTo(0)).body("last24h.status", equalTo("OK"))
                .body("thresholds.complaintRateCritical", equalTo(0.003f));
        Sent first = send(ola);
        Sent second = send(per);
        relay().contentType("message/rfc822").body(sample("/dsn/gmail-no-such-user.eml", first, ola))
                .post(BOUNCES).then().statusCode(200).body("suppressed", contains(ola));
        relay().contentType("message/rfc822").body(sample("/arf/yahoo-abuse.eml", second, per))
                .post(COMPLAINTS).then().statusCode(200);
        JsonPath health = admin().get("/api/v1/organizations/" + org + "/sending-health").then().statusCode(200)
                .extract().jsonPath();
        for (String window : List.of("last24h", "last7d")) {
            assertEquals(2, health.getInt(window + ".sent"), health.prettify());
            assertEquals(1, health.getInt(window + ".bounced"));
            assertEquals(1, health.getInt(window + ".complained"));
            assertEquals(0.5, health.getDouble(window + ".bounceRate"), 1e-9);
            assertEquals(0.5, health.getDouble(window + ".complaintRate"), 1e-9);
            assertEquals("CRITICAL", health.getString(window + ".status"));
        }
        kari().get("/api/v1/organizations/" + org + "/sending-health").then().statusCode(403);

        // the gauges of the last 24 hours, one pair per organisation
        String gauge = "xsmail_sending_complaint_rate{org=\"" + org + "\"} 0.5";
        Awaitility.await().atMost(Duration.ofSeconds(20)).dontCatchUncaughtExceptions()
                .until(() -> anonymous().get("/q/metrics").then().extract().asString().contains(gauge));
        assertThat(anonymous().get("/q/metrics").then().extract().asString())
                .contains("xsmail_sending_bounce_rate{org=\"" + org + "\"} 0.5");
    }

    @Test
    void shouldLookAtTheListAgainWhenAScheduledMessageIsSent() throws Exception {
        var response = kari().body(json("""
                { "to": [%s, %s], "subject": "Tilbud", "text": "Hei", "sendAt": %s }""", ola, per,
                Instant.now().plusSeconds(3).toString()))
                .post("/api/v1/users/me/messages").then().statusCode(202).body("suppressed", empty()).extract();
        admin().put(suppressions() + "/" + ola).then().statusCode(200);
        JsonPath view = Mailbox.awaitStatus(kari(), response.header("Location"), "SENT");
        assertEquals("SUPPRESSED", recipient(view, ola).getString("status"), view.prettify());
        assertEquals("ACCEPTED", recipient(view, per).getString("status"));
        assertEquals(0, copiesTo(ola));
        assertEquals(1, copiesTo(per));
    }

    @Test
    void shouldHoldMailThroughTheOrganisationsServerToTheList() throws Exception {
        admin().body(Map.of("host", "127.0.0.1", "port", greenMail.getSmtp().getPort(), "security", "NONE",
                "authentication", false)).put("/api/v1/organizations/" + org + "/smtp-server").then().statusCode(200);
        admin().put(suppressions() + "/" + ola).then().statusCode(200);
        var response = kari().body(json("""
                { "to": [%s, %s], "subject": "Tilbud", "text": "Hei" }""", ola, per))
                .post("/api/v1/users/me/messages").then().statusCode(202)
                .body("transport", equalTo("ORGANIZATION")).body("suppressed", contains(ola)).extract();
        JsonPath view = Mailbox.awaitStatus(kari(), response.header("Location"), "SENT");
        assertEquals("SUPPRESSED", recipient(view, ola).getString("status"));
        assertEquals(0, copiesTo(ola));
        assertEquals(1, copiesTo(per));
    }

    @Test
    void shouldNotHoldMailThroughTheUsersOwnServerToTheList() throws Exception {
        admin().put(suppressions() + "/" + ola).then().statusCode(200);
        kari().body(Map.of("useSharedServer", false, "host", "127.0.0.1", "port", greenMail.getSmtp().getPort(),
                "security", "NONE", "authentication", false)).put("/api/v1/users/me/smtp-profile").then().statusCode(200);
        var response = kari().body(json("""
                { "to": [%s], "subject": "Tilbud", "text": "Hei" }""", ola))
                .post("/api/v1/users/me/messages").then().statusCode(202)
                .body("transport", equalTo("USER")).body("suppressed", empty()).extract();
        JsonPath view = Mailbox.awaitStatus(kari(), response.header("Location"), "SENT");
        assertEquals("ACCEPTED", recipient(view, ola).getString("status"));
        assertEquals(1, copiesTo(ola));

        // a complaint about it marks the recipient, and lists no one: the reputation is the user's server's
        Sent sent = new Sent(response.header("Location"), null, user + "@firma.no", view.getString("messageId"));
        relay().contentType("message/rfc822").body(sample("/arf/rfc5965-headers-only.eml", sent, ola)).post(COMPLAINTS)
                .then().statusCode(200).body("complained[0].status", equalTo("COMPLAINED")).body("suppressed", empty());
        admin().get(suppressions()).then().statusCode(200).body("", hasSize(1)).body("[0].reason", equalTo("MANUAL"));
        admin().get("/api/v1/organizations/" + org + "/sending-health").then().body("last24h.complained", equalTo(0));
    }

    @Test
    void shouldNameTheFieldOfEveryBadRequest() {
        admin().put(suppressions() + "/not-an-address").then().statusCode(400).body("errors[0].field", equalTo("address"));
        admin().get(suppressions() + "/not-an-address").then().statusCode(400).body("errors[0].field", equalTo("address"));
        admin().queryParam("size", 0).get(suppressions()).then().statusCode(400).body("errors[0].field", equalTo("size"));
        admin().queryParam("size", "x").get(suppressions()).then().statusCode(400).body("errors[0].field", equalTo("size"));
        admin().queryParam("page", -1).get(suppressions()).then().statusCode(400).body("errors[0].field", equalTo("page"));
        admin().queryParam("reason", "BOUNCED").get(suppressions()).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        admin().get(suppressions() + "/nobody@example.com").then().statusCode(404);
    }

    @Test
    void shouldFilterTheListByAddressAndReason() {
        admin().put(suppressions() + "/" + ola).then().statusCode(200);
        admin().put(suppressions() + "/" + per).then().statusCode(200);
        admin().queryParam("address", "OLA@").get(suppressions()).then().statusCode(200)
                .body("", hasSize(1)).body("[0].address", equalTo(ola));
        admin().queryParam("reason", "MANUAL").queryParam("size", 1).get(suppressions()).then().statusCode(200)
                .body("", hasSize(1)).body("[0].address", equalTo(per));
        admin().queryParam("reason", "COMPLAINT").get(suppressions()).then().statusCode(200).body("", empty());
    }
}
