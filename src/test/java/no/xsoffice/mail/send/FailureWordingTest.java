package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.ScriptedSmtpServer;

/** Why something failed, as the API and events say it: a sentence for people, never a Java class name. */
@QuarkusTest
class FailureWordingTest {

    private static final String PROFILE = "/api/v1/users/me/smtp-profile";
    private static final String CLASS_NAME = ".*\\b\\w*(Exception|Error)\\b.*";

    private final String org = newId("org");
    private final String user = newId("kari");
    private ScriptedSmtpServer smtp;

    @BeforeEach
    void start() throws Exception {
        smtp = new ScriptedSmtpServer();
        smtp.ehloReply = "250-scripted\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME";
        smtp.authReply = "235 2.7.0 Authentication successful";
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
    }

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String send() {
        return me().body("""
                { "to": ["ola@example.com"], "subject": "Tilbud", "text": "Hei" }""")
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
    }

    @Test
    void shouldSayInASentenceWhyAnAttemptFailedWhenNothingListens() throws Exception {
        me().body(Map.of("useSharedServer", false, "host", "127.0.0.1", "port", closedPort(), "security", "NONE",
                "authentication", false)).put(PROFILE).then().statusCode(200);
        String location = send();

        Mailbox.waiting().atMost(Duration.ofSeconds(20)).until(() -> !me().get(location).then().statusCode(200)
                .extract().jsonPath().getList("attempts").isEmpty());

        JsonPath view = me().get(location).then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("attempts[0].reply")).isEqualTo("The server refused the connection");
        assertThat(view.getString("lastError")).doesNotMatch(CLASS_NAME);
    }

    @Test
    void shouldSayInASentenceWhyTheSentCopyFailedWhenNothingListens() throws Exception {
        me().body(Map.of("useSharedServer", false, "host", "127.0.0.1", "port", smtp.port(), "security", "NONE",
                "authentication", true, "username", newId("login"), "password", "riktig-passord",
                "imap", Map.of("host", "localhost", "port", closedPort(), "security", "SSL_TLS")))
                .put(PROFILE).then().statusCode(200);
        String location = send();

        Mailbox.waiting().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(
                me().get(location).then().statusCode(200).extract().jsonPath().getString("sentCopy.status")));

        assertThat(me().get(location).then().extract().jsonPath().getString("sentCopy.reply"))
                .isEqualTo("The server refused the connection");
    }

    @Test
    void shouldSayInASentenceWhyAWebhookReceiverWasNotReached() throws Exception {
        String base = "/api/v1/organizations/" + org + "/webhooks";
        RequestSpecification admin = as(newId("admin"), org, "org-admin");
        String id = admin.body(json("""
                { "url": %s, "events": ["message.sent"] }""", "http://127.0.0.1:" + closedPort() + "/hook"))
                .post(base).then().statusCode(201).extract().jsonPath().getString("id");

        JsonPath answer = as(newId("admin"), org, "org-admin").post(base + "/" + id + "/test")
                .then().statusCode(200).extract().jsonPath();

        assertThat(answer.getBoolean("delivered")).isFalse();
        assertThat(answer.getString("error")).isEqualTo("The receiver could not be reached, or closed the connection"
                + " without an answer").doesNotMatch(CLASS_NAME);
    }
}
