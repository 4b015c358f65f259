package no.xsoffice.mail.diagnostics;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;
import no.xsoffice.mail.ScriptedSmtpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Live connection tests against GreenMail and the scripted server, stage by stage. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class ConnectionTestResourceTest {

    private static final String TEST = "/api/v1/users/me/smtp-profile/test";
    private static final String PASSWORD = "riktig-passord-" + newId("p");

    @InjectGreenMail
    GreenMail greenMail;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String login = newId("login") + "@firma.no";

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private ValidatableResponse test(Object body) {
        return me().body(body).post(TEST).then().body(not(containsString(PASSWORD)));
    }

    private Map<String, Object> plain(String password) {
        greenMail.setUser(login, login, PASSWORD);
        return new HashMap<>(Map.of("host", "127.0.0.1", "port", greenMail.getSmtp().getPort(), "security", "NONE",
                "authentication", true, "username", login, "password", password));
    }

    private void saveProfile() {
        Map<String, Object> profile = plain(PASSWORD);
        profile.put("useSharedServer", false);
        me().body(profile).put("/api/v1/users/me/smtp-profile").then().statusCode(200);
    }

    @Test
    void shouldRunADryRunThroughDataAndDeliverNothing() throws Exception {
        test(plain(PASSWORD)).statusCode(200)
                .body("ok", equalTo(true))
                .body("stages.stage", equalTo(List.of("DNS", "CONNECT", "TLS", "EHLO", "AUTH", "MAIL FROM", "RCPT TO", "DATA")))
                .body("stages.ok", not(hasItem(false)))
                .body("stages[3].capabilities", hasItem(containsString("AUTH")))
                .body("stages[5].reply", containsString("250"))
                .body("stages[7].reply", containsString("354"))
                .body("hint", nullValue())
                .body("warnings[0]", containsString("unencrypted"));
        Thread.sleep(500); // a message the server took would be in the mailbox by now
        assertEquals(0, Arrays.stream(greenMail.getReceivedMessages()).filter(m -> hasRecipient(m, login)).count());
    }

    private static boolean hasRecipient(MimeMessage message, String address) {
        try {
            return message.getAllRecipients() != null && List.of(message.getAllRecipients()).stream()
                    .anyMatch(a -> a.toString().contains(address));
        } catch (MessagingException e) {
            return false;
        }
    }

    @Test
    void shouldSendOneRealTestMailToSendTo() {
        String domain = newId("d") + ".example";
        Map<String, Object> body = plain(PASSWORD);
        body.put("sendTo", "ola@" + domain);
        test(body).statusCode(200).body("ok", equalTo(true)).body("stages[7].reply", containsString("250"));
        Awaitility.await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10))
                .until(() -> greenMail.getReceivedMessagesForDomain(domain).length == 1);
        assertEquals(TestMessage.SUBJECT, subjectOf(greenMail.getReceivedMessagesForDomain(domain)[0]));
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldReportAWrongPasswordAtAuthWithAHint() {
        test(plain("feil-passord")).statusCode(200)
                .body("ok", equalTo(false))
                .body("stages[-1].stage", equalTo("AUTH"))
                .body("stages[-1].ok", equalTo(false))
                .body("stages[-1].reply", containsString("535"))
                .body("hint", containsString("username or password"))
                .body(not(containsString("feil-passord")));
    }

    @Test
    void shouldTestTheSavedSettingsWithTheStoredPassword() {
        saveProfile();
        me().post(TEST).then().statusCode(200).body("ok", equalTo(true)).body(not(containsString(PASSWORD)));
    }

    @Test
    void shouldRefuseTheStoredPasswordForAnotherHost() {
        saveProfile();
        test("""
                { "host": "localhost" }""").statusCode(400)
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void shouldAnswer404WhenNothingIsSavedAndNoHostGiven() {
        me().post(TEST).then().statusCode(404);
    }

    @Test
    void shouldRejectTheFieldsOfATestThatAreWrongOnTheirOwn() {
        Map<String, Object> body = plain(PASSWORD);
        body.put("port", "2525");
        test(body).statusCode(400).contentType("application/problem+json").body("errors.field", contains("port"));
        body = plain("x".repeat(1025));
        body.put("port", 70000);
        body.put("sendTo", "ikke en adresse");
        test(body).statusCode(400)
                .body("errors.field", contains("port", "password", "sendTo"))
                .body("errors[2].message", equalTo("must be a valid e-mail address"));
        body = plain(PASSWORD);
        body.put("limits", Map.of());
        test(body).statusCode(400).body("errors.field", contains("limits"))
                .body("errors[0].message", equalTo("unknown field"));
    }

    @Test
    void shouldNameEveryInvalidFieldOfATestAtOnce() {
        test(Map.of("host", "smtp.firma.no", "port", 70000, "authentication", true)).statusCode(400)
                .body("errors.field", contains("port", "username", "password"))
                .body("errors.message", contains("must be between 1 and 65535", "is required when authentication is on",
                        "is required when authentication is on"));
    }

    @Test
    void shouldNameAFieldWrongOnItsOwnBeforeSayingNothingIsSaved() {
        test(Map.of("port", 70000)).statusCode(400).body("errors.field", contains("port"));
    }

    @Test
    void shouldVerifyTheCertificateOverImplicitTls() {
        test(json("""
                { "host": "localhost", "port": %s, "security": "SSL_TLS", "authentication": false, "from": %s }""",
                greenMail.getSmtps().getPort(), login))
                .statusCode(200)
                .body("ok", equalTo(true))
                .body("stages[2].stage", equalTo("TLS"))
                .body("stages[2].certificate.subject", equalTo("CN=localhost"))
                .body("stages[2].certificate.hostnameMatches", equalTo(true))
                .body("stages[2].certificate.trusted", equalTo(true));
    }

    @Test
    void shouldRefuseACertificateForAnotherHost() {
        test(json("""
                { "host": "127.0.0.1", "port": %s, "security": "SSL_TLS", "authentication": false, "from": %s }""",
                greenMail.getSmtps().getPort(), login))
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("stages[-1].stage", equalTo("TLS"))
                .body("stages[-1].certificate.subject", equalTo("CN=localhost"))
                .body("stages[-1].certificate.hostnameMatches", equalTo(false))
                .body("hint", containsString("host name the certificate names"));
    }

    @Test
    void shouldNeverContinueInPlainTextWhenStartTlsIsNotOffered() {
        test(json("""
                { "host": "127.0.0.1", "port": %s, "security": "STARTTLS", "authentication": true,
                  "username": %s, "password": %s }""", greenMail.getSmtp().getPort(), login, PASSWORD))
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("stages.stage", equalTo(List.of("DNS", "CONNECT", "TLS")))
                .body("stages[2].ok", equalTo(false))
                .body("hint", containsString("does not offer STARTTLS"));
    }

    @Test
    void shouldHintAtTheModeWhenSslTlsMeetsAPlainServer() {
        test(json("""
                { "host": "127.0.0.1", "port": %s, "security": "SSL_TLS", "authentication": false, "from": %s }""",
                greenMail.getSmtp().getPort(), login))
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("stages[-1].stage", equalTo("TLS"))
                .body("hint", containsString("choose STARTTLS"));
    }

    @Test
    void shouldHintAtSslTlsWhenTheServerWaitsForAHandshake() {
        test(json("""
                { "host": "localhost", "port": %s, "security": "STARTTLS", "authentication": false, "from": %s }""",
                greenMail.getSmtps().getPort(), login))
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("stages[-1].stage", equalTo("CONNECT"))
                .body("hint", containsString("SSL_TLS"));
    }

    @Test
    void shouldHintWhenTheConnectionIsRefused() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        test(json("""
                { "host": "127.0.0.1", "port": %s, "security": "NONE", "authentication": false, "from": %s }""",
                closed, login))
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("stages[-1].stage", equalTo("CONNECT"))
                .body("hint", containsString("check the port"));
    }

    @Test
    void shouldStopAtItsDeadlineWhenTheServerDripsItsAnswer() throws Exception {
        try (ServerSocket dripping = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket client = dripping.accept()) {
                    for (int line = 0; line < 90; line++) {
                        client.getOutputStream().write("220-still greeting\r\n".getBytes(StandardCharsets.US_ASCII));
                        Thread.sleep(500);
                    }
                } catch (Exception hungUp) {
                    // the connection test closed the connection
                }
            });
            server.setDaemon(true);
            server.start();
            test(json("""
                    { "host": "127.0.0.1", "port": %s, "security": "NONE", "authentication": false, "from": %s }""",
                    dripping.getLocalPort(), login))
                    .statusCode(200)
                    .body("ok", equalTo(false))
                    .body("stages[-1].stage", equalTo("CONNECT"))
                    .body("stages[-1].detail", containsString("6 s in all"))
                    .body("hint", containsString("stopped answering during CONNECT"));
        }
    }

    @Test
    void shouldExplainMicrosoftsBasicAuthenticationRefusal() throws Exception {
        try (ScriptedSmtpServer scripted = new ScriptedSmtpServer()) {
            scripted.ehloReply = "250-scripted\r\n250 AUTH LOGIN PLAIN";
            scripted.authReply = "550 5.7.30 Basic authentication is not supported for Client Submission.";
            test(json("""
                    { "host": "127.0.0.1", "port": %s, "security": "NONE", "authentication": true,
                      "username": %s, "password": %s }""", scripted.port(), login, PASSWORD)).statusCode(200)
                    .body("ok", equalTo(false))
                    .body("stages[-1].stage", equalTo("AUTH"))
                    .body("stages[-1].reply", containsString("5.7.30"))
                    .body("hint", containsString("Basic authentication"));
            assertThat(scripted.messages).isEmpty();
        }
    }

    @Test
    void shouldTestTheOrganisationsServerForAnAdministratorOnly() {
        String path = "/api/v1/organizations/" + org + "/smtp-server/test";
        String body = json("""
                { "host": "127.0.0.1", "port": %s, "security": "NONE", "authentication": false, "from": %s }""",
                greenMail.getSmtp().getPort(), login);
        as(newId("admin"), org, "org-admin").body(body).post(path).then().statusCode(200).body("ok", equalTo(true));
        me().body(body).post(path).then().statusCode(403);
        as(newId("admin"), org, "org-admin").post(path).then().statusCode(404);
    }
}
