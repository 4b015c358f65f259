package no.xsoffice.mail.smtpclient;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;
import no.xsoffice.mail.ScriptedSmtpServer;
import no.xsoffice.mail.send.Mailbox;
import no.xsoffice.mail.webhook.Receiver;

/**
 * DNS rebinding: a name whose answer changes after the SSRF guard checked it. Every connection goes to the address
 * that was checked, for deliveries, the copy in the Sent folder and webhooks; none reaches the second answer.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class RebindingTest {

    private static final String PROFILE = "/api/v1/users/me/smtp-profile";

    @InjectGreenMail
    GreenMail greenMail;

    private final String org = newId("org");
    private final String user = newId("kari");
    private ScriptedSmtpServer smtp;
    private RebindingDns dns;

    @AfterEach
    void stop() throws Exception {
        if (dns != null) {
            dns.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private void rebindTo(int targetPort) throws Exception {
        dns = new RebindingDns(targetPort);
        QuarkusMock.installMockForType(dns, HostResolver.class);
    }

    private String send() {
        return me().body("""
                { "to": ["ola@example.com"], "subject": "Tilbud", "text": "Hei" }""")
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
    }

    @Test
    void shouldDeliverToTheCheckedAddressWhenTheNameAnswersAnotherAfterTheCheck() throws Exception {
        smtp = new ScriptedSmtpServer();
        rebindTo(smtp.port());
        me().body(Map.of("useSharedServer", false, "host", RebindingDns.NAME, "port", dns.port(),
                "security", "NONE", "authentication", false)).put(PROFILE).then().statusCode(200);

        JsonPath view = Mailbox.awaitStatus(me(), send(), "SENT");

        assertThat(smtp.messages).as(view.prettify()).hasSize(1);
        assertThat(dns.trapped()).isZero();
        assertThat(dns.lookups()).isEqualTo(1);
    }

    @Test
    void shouldFileTheSentCopyAtTheCheckedAddressWithTlsVerifiedAgainstTheName() throws Exception {
        String login = newId("login");
        greenMail.setUser(login + "@firma.no", login, "riktig-passord");
        smtp = new ScriptedSmtpServer();
        smtp.ehloReply = "250-scripted\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME";
        smtp.authReply = "235 2.7.0 Authentication successful";
        rebindTo(greenMail.getImaps().getPort());
        me().body(Map.of("useSharedServer", false, "host", "127.0.0.1", "port", smtp.port(), "security", "NONE",
                "authentication", true, "username", login, "password", "riktig-passord",
                "imap", Map.of("host", RebindingDns.NAME, "port", dns.port(), "security", "SSL_TLS")))
                .put(PROFILE).then().statusCode(200);

        String location = send();
        Mailbox.awaitStatus(me(), location, "SENT");
        Mailbox.waiting().atMost(Duration.ofSeconds(20)).until(() -> "SAVED".equals(
                me().get(location).then().statusCode(200).extract().jsonPath().getString("sentCopy.status")));

        assertThat(greenMail.getManagers().getImapHostManager()
                .getFolder(greenMail.getUserManager().getUser(login), "Sent").getMessageCount()).isEqualTo(1);
        assertThat(dns.trapped()).isZero();
    }

    @Test
    void shouldPostTheWebhookToTheCheckedAddress() throws Exception {
        try (Receiver receiver = new Receiver(0)) {
            rebindTo(Integer.parseInt(receiver.url().replaceAll(".*:(\\d+)/.*", "$1")));
            String base = "/api/v1/organizations/" + org + "/webhooks";
            RequestSpecification admin = as(newId("admin"), org, "org-admin");
            String url = "http://" + RebindingDns.NAME + ":" + dns.port() + "/hook";
            JsonPath created = admin.body(json("""
                    { "url": %s, "events": ["message.sent"] }""", url)).post(base)
                    .then().statusCode(201).extract().jsonPath();
            receiver.secret(created.getString("secret"));

            JsonPath answer = as(newId("admin"), org, "org-admin").post(base + "/" + created.getString("id") + "/test")
                    .then().statusCode(200).extract().jsonPath();

            assertThat(answer.getBoolean("delivered")).as(answer.prettify()).isTrue();
            assertThat(receiver.calls()).singleElement().matches(Receiver.Call::verified);
            assertThat(dns.trapped()).isZero();
        }
    }
}
