package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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

/**
 * Delivery by the RFC's clock against a server that takes its time (the tests' waits are seconds, not minutes):
 * the reply to the end of the data is waited for longer than any other, and a reply that never comes leaves the
 * outcome unknown.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class SlowServerTest {

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

    private String send(String... to) {
        return me().body(json("""
                { "to": %s, "subject": "Tilbud", "text": "Hei" }""", List.of(to)))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
    }

    @Test
    void shouldWaitForASlowReplyToTheEndOfTheDataAndSendTheMessageOnce() {
        server.dataReplyDelayMillis = 4000; // longer than any other wait of the tests (3 s), within the end of data's (5 s)

        JsonPath sent = Mailbox.awaitStatus(me(), send("ola@" + domain), "SENT");

        assertThat(server.messages).hasSize(1);
        assertThat(sent.getList("attempts")).hasSize(1);
        assertThat(sent.getBoolean("attempts[0].outcomeUnknown")).isFalse();
        assertThat(sent.getString("attempts[0].reply")).contains("queued as 4F2A1C");
    }

    @Test
    void shouldRetryAMessageWhoseReplyNeverCameAndSayThatACopyMayHaveArrived() {
        server.dataUnanswered = true;
        String ola = "ola@" + domain;
        String location = send(ola);

        JsonPath unknown = Mailbox.awaitStatus(me(), location, "RETRYING");
        assertThat(server.unanswered).hasSize(1);
        assertThat(unknown.getBoolean("attempts[0].outcomeUnknown")).isTrue();
        assertThat(unknown.getString("attempts[0].outcome")).isEqualTo("RETRYING");
        assertThat(unknown.getString("attempts[0].reply")).contains("Outcome unknown").contains("may already have arrived");
        assertThat(unknown.getString("recipients[0].status")).isEqualTo("RETRYING");
        assertThat(unknown.getString("recipients[0].reply")).contains("may already have arrived");
        assertThat(unknown.getString("deferredReason")).isEqualTo("RETRY");

        server.dataUnanswered = false;
        JsonPath sent = Mailbox.awaitStatus(me(), location, "SENT");

        assertThat(server.messages).hasSize(1);
        assertThat(server.envelopes).containsExactly(List.of(ola));
        List<Boolean> unknowns = sent.getList("attempts.outcomeUnknown");
        assertThat(unknowns.get(0)).isTrue();
        assertThat(unknowns.get(unknowns.size() - 1)).isFalse();
        assertThat(sent.getString("recipients[0].status")).isEqualTo("ACCEPTED");
    }
}
