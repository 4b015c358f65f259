package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.ScriptedSmtpServer;

/** Deliveries keep to the sending limits of the user's server: mail over a limit waits for room, never fails. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class SendingLimitsTest {

    @Inject
    EntityManager em;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String domain = newId("d") + ".example";
    private ScriptedSmtpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new ScriptedSmtpServer();
        server.serve(me());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private void limit(String column, int value) {
        Rows.update(em, "update smtp_profile set " + column + " = ?1 where org_id = ?2 and user_id = ?3", value, org, user);
    }

    private String send(String... to) {
        return me().body(json("""
                { "to": %s, "subject": "Tilbud", "text": "Hei" }""", List.of(to)))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
    }

    @Test
    void shouldWaitForRoomInTheMinuteOnceTheMessagesPerMinuteAreSent() {
        limit("limit_messages_per_minute", 2);

        Mailbox.awaitStatus(me(), send("ola@" + domain), "SENT");
        Mailbox.awaitStatus(me(), send("per@" + domain), "SENT");
        JsonPath waiting = Mailbox.awaitStatus(me(), send("kari@" + domain), "RETRYING");

        assertEquals("RATE", waiting.getString("deferredReason"));
        Instant next = Instant.parse(waiting.getString("nextAttemptAt"));
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofSeconds(61)));
        assertEquals(0, waiting.getList("attempts").size(), "it was not tried");
        assertEquals(2, server.messages.size());
        me().get("/api/v1/users/me/effective-transport").then()
                .body("limits.messagesPerMinute", equalTo(2))
                .body("usage.messagesLastMinute", equalTo(2))
                .body("usage.nextSlotAt", notNullValue());
    }

    @Test
    void shouldWaitWithQuotaOnceTheRecipientsOfTheDayAreUsed() {
        limit("limit_recipients_per_day", 3);

        Mailbox.awaitStatus(me(), send("ola@" + domain, "per@" + domain), "SENT");
        JsonPath waiting = Mailbox.awaitStatus(me(), send("kari@" + domain, "anne@" + domain), "RETRYING");

        assertEquals("QUOTA", waiting.getString("deferredReason"));
        assertThat(Instant.parse(waiting.getString("nextAttemptAt"))).isAfter(Instant.now().plus(Duration.ofHours(23)));
        me().get("/api/v1/users/me/effective-transport").then().body("usage.recipientsLast24h", equalTo(2));
    }

    @Test
    void shouldRefuseMoreRecipientsThanTheServerTakesInOneMessage() {
        limit("limit_recipients_per_message", 2);

        me().body(json("""
                { "to": [%s, %s], "cc": [%s], "text": "Hei" }""", "ola@" + domain, "per@" + domain, "kari@" + domain))
                .post("/api/v1/users/me/messages").then().statusCode(422)
                .body("type", equalTo("urn:xs-mail:problem:too-many-recipients"))
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    void shouldApplyTheTemplatesLimitsWhateverTheHost() {
        me().body(json("""
                { "useSharedServer": false, "templateId": "microsoft365", "host": "127.0.0.1", "port": %s,
                  "security": "NONE", "authentication": false }""", server.port()))
                .put("/api/v1/users/me/smtp-profile").then().statusCode(200);

        me().get("/api/v1/users/me/effective-transport").then()
                .body("limits.connections", equalTo(3))
                .body("limits.messagesPerMinute", equalTo(30))
                .body("limits.recipientsPerDay", equalTo(10000));
    }

    @Test
    void shouldUseFourConnectionsWhenNeitherServerNorTemplateSaysHowMany() {
        me().get("/api/v1/users/me/effective-transport").then().body("limits.connections", equalTo(4));
    }
}
