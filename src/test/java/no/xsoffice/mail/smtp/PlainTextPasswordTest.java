package no.xsoffice.mail.smtp;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.ScriptedSmtpServer;
import no.xsoffice.mail.send.Mailbox;
import no.xsoffice.mail.smtpclient.HostResolver;

/**
 * No password over an unencrypted connection: {@code security: NONE} with a sign-in is refused for a user's profile,
 * the organisation's server and a connection test, and at delivery, except to a private address when private hosts
 * are allowed (as they are in these tests).
 */
@QuarkusTest
class PlainTextPasswordTest {

    private static final String PROFILE = "/api/v1/users/me/smtp-profile";
    private static final String PUBLIC = "93.184.216.34";
    private static final String SECRET = "hemmelig-" + newId("p");

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

    private static Map<String, Object> plainText(String host, int port) {
        return new HashMap<>(Map.of("host", host, "port", port, "security", "NONE", "authentication", true,
                "username", "kari", "password", SECRET));
    }

    private static Map<String, Object> profile(Map<String, Object> server) {
        server.put("useSharedServer", false);
        return server;
    }

    @Test
    void shouldRefuseAPasswordOverPlainTextToAPublicServerInAProfile() {
        me().body(profile(plainText(PUBLIC, 587))).put(PROFILE).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("security"))
                .body("errors[0].message", containsString("never sent over an unencrypted connection"))
                .body(not(containsString(SECRET)));
    }

    @Test
    void shouldRefuseAPasswordOverPlainTextToAPublicServerForTheOrganisation() {
        as(newId("admin"), org, "org-admin").body(plainText(PUBLIC, 587))
                .put("/api/v1/organizations/" + org + "/smtp-server").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("security"));
    }

    @Test
    void shouldRefuseAConnectionTestThatWouldSendAPasswordOverPlainText() {
        me().body(plainText(PUBLIC, 587)).post(PROFILE + "/test").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("security"))
                .body(not(containsString(SECRET)));
    }

    @Test
    void shouldAcceptPlainTextToAPublicServerWithoutAPassword() {
        me().body(Map.of("useSharedServer", false, "host", PUBLIC, "port", 25, "security", "NONE",
                "authentication", false)).put(PROFILE).then().statusCode(200);
    }

    @Test
    void shouldAcceptAPasswordOverPlainTextToAPrivateServerWhenPrivateHostsAreAllowed() {
        me().body(profile(plainText("127.0.0.1", smtp.port()))).put(PROFILE).then().statusCode(200);
    }

    @Test
    void shouldNotSignInOverPlainTextWhenTheSavedServerNowResolvesToAPublicAddress() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        InetAddress outside = InetAddress.getByName(PUBLIC);
        QuarkusMock.installMockForType(new HostResolver() {
            @Override
            public List<InetAddress> resolve(String host, Duration timeout) throws UnknownHostException {
                return List.of(lookups.getAndIncrement() == 0 ? loopback : outside);
            }
        }, HostResolver.class);
        me().body(profile(plainText("localhost", smtp.port()))).put(PROFILE).then().statusCode(200);

        String location = me().body("""
                { "to": ["ola@example.com"], "subject": "Tilbud", "text": "Hei" }""")
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
        JsonPath view = Mailbox.awaitStatus(me(), location, "FAILED");

        assertThat(view.getString("lastError")).contains("never sent unencrypted");
        assertThat(smtp.connections.get()).isZero();
        assertThat(lookups.get()).isEqualTo(2);
    }
}
