package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/** A server that takes only so many connections at once, or so many recipients per message. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class BusyServerTest {

    /** Deliveries to one user's own server at once, before the server says otherwise (a server of no known provider). */
    private static final int LANE = 4;

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

    private String send(Instant sendAt, String... to) {
        return me().body(json("""
                { "to": %s, "subject": "Tilbud", "text": "Hei", "sendAt": %s }""", List.of(to), sendAt.toString()))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
    }

    @Test
    void shouldOpenFewerConnectionsOnceTheServerSaysItHasTooMany() {
        int limit = 2;
        server.connectionLimit = limit;
        server.dataReplyDelayMillis = 300; // each connection is busy for a while
        Instant together = Instant.now().plusSeconds(3); // all due at once, claimed together
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            messages.add(send(together, "ola" + i + "@" + domain));
        }

        List<JsonPath> sent = messages.stream().map(m -> Mailbox.awaitStatus(me(), m, "SENT")).toList();

        assertThat(server.messages).hasSize(12);
        long firstRefusal = server.refusedAt.get(0);
        long firstStep = server.refusedAt.stream().filter(t -> t - firstRefusal < Duration.ofMillis(800).toNanos()).count();
        long later = server.refusedAt.size() - firstStep;
        assertThat(firstStep).as("refused before the lane knew").isLessThanOrEqualTo(LANE - limit);
        assertThat(later).as("refused in the retries after the first step").isLessThanOrEqualTo(limit + 1);
        JsonPath refused = sent.stream().filter(m -> m.getList("attempts").size() > 1).findFirst().orElseThrow();
        assertThat(refused.getInt("attempts[0].replyCode")).isEqualTo(421);
        assertThat(refused.getString("attempts[0].reply")).contains("too many connections");
    }

    @Test
    void shouldSendTheRecipientsTheServerHadNoRoomForInAFurtherTransactionAtOnce() {
        server.maxRecipients = 2;
        List<String> to = List.of("a@" + domain, "b@" + domain, "c@" + domain, "d@" + domain, "e@" + domain);

        JsonPath sent = Mailbox.awaitStatus(me(), send(Instant.now(), to.toArray(String[]::new)), "SENT");

        assertThat(server.envelopes).containsExactly(to.subList(0, 2), to.subList(2, 4), to.subList(4, 5));
        assertThat(sent.getList("recipients.status")).containsOnly("ACCEPTED");
        List<Instant> at = sent.getList("attempts.at", String.class).stream().map(Instant::parse).toList();
        assertThat(at).hasSize(3);
        Duration backoff = Duration.ofSeconds(1); // the tests' first backoff
        assertThat(Duration.between(at.get(0), at.get(2))).isLessThan(backoff);
        assertThat(sent.getList("attempts[0].rejectedRecipients")).containsExactlyElementsOf(to.subList(2, 5));
    }
}
