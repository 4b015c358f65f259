package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;

/**
 * Bodies go 30 days after a message is final, messages 400 days after; nothing that is still on its way is
 * touched. The rows are made old by SQL, and the job is run directly rather than waited for.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class RetentionTest {

    private static final String MESSAGES = "/api/v1/users/me/messages";

    @Inject
    EntityManager em;

    @Inject
    OutboxRetention retention;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String domain = newId("d") + ".example";

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private String send(String sendAt, String key) {
        Map<String, Object> body = new HashMap<>(Map.of("to", List.of("ola@" + domain), "subject", "Personlig",
                "text", "Hei Ola, her er personnummeret mitt."));
        if (sendAt != null) {
            body.put("sendAt", sendAt);
        }
        var request = me().body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post(MESSAGES).then().statusCode(202).extract().header("Location");
    }

    /** A message of the user's that is final (cancelled) and has its body in the body table. */
    private UUID cancelledWithBody() {
        String location = send(Instant.now().plus(Duration.ofHours(1)).toString(), null);
        me().delete(location).then().statusCode(200);
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        Rows.update(em, "insert into outbox_body (message_id, mime) values (?1, ?2) on conflict do nothing", id,
                "Subject: Personlig\r\n\r\nHei Ola".getBytes());
        return id;
    }

    private void finishedDaysAgo(UUID id, int days) {
        Rows.update(em, "update outbox_message set finished_at = now() - make_interval(days => ?2) where id = ?1", id,
                days);
    }

    private boolean hasBody(UUID id) {
        long inTable = ((Number) Rows.single(em, "select count(*) from outbox_body where message_id = ?1", id)).longValue();
        boolean inRow = (Boolean) Rows.single(em, "select mail is not null from outbox_message where id = ?1", id);
        return inTable > 0 || inRow;
    }

    @Test
    void shouldRemoveTheBodyOfAMessageFinalForLongerThanTheBodyPeriod() {
        UUID id = cancelledWithBody();
        finishedDaysAgo(id, 31);

        retention.purge();

        assertEquals(false, hasBody(id));
        me().get(MESSAGES + "/" + id).then().statusCode(200)
                .body("bodyRemoved", equalTo(true))
                .body("status", equalTo("CANCELLED"))
                .body("subject", equalTo("Personlig"));
        me().get(MESSAGES).then().body("bodyRemoved", hasItem(true));
    }

    @Test
    void shouldKeepTheBodyWithinTheBodyPeriod() {
        UUID id = cancelledWithBody();
        finishedDaysAgo(id, 29);

        retention.purge();

        assertEquals(true, hasBody(id));
        me().get(MESSAGES + "/" + id).then().statusCode(200).body("bodyRemoved", equalTo(false));
    }

    @Test
    void shouldDeleteAMessageAndItsAttemptsFinalForLongerThanTheMessagePeriod() {
        String key = newId("key");
        String location = send(null, key);
        String id = Mailbox.awaitStatus(me(), location, "SENT").getString("id");
        finishedDaysAgo(UUID.fromString(id), 401);

        retention.purge();

        me().get(location).then().statusCode(404);
        assertEquals(0L, ((Number) Rows.single(em, "select count(*) from delivery_attempt where message_id = ?1",
                UUID.fromString(id))).longValue());
        String again = send(null, key); // the key went with its message
        assertEquals(false, again.equals(location));
    }

    @Test
    void shouldKeepAMessageWithinTheMessagePeriod() {
        UUID id = cancelledWithBody();
        finishedDaysAgo(id, 399);

        retention.purge();

        me().get(MESSAGES + "/" + id).then().statusCode(200).body("bodyRemoved", equalTo(true));
    }

    @Test
    void shouldNeverTouchAMessageThatIsNotFinal() {
        String location = send(Instant.now().plus(Duration.ofDays(1)).toString(), null);
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        Rows.update(em, "update outbox_message set created_at = now() - interval '500 days',"
                + " finished_at = now() - interval '500 days' where id = ?1", id);

        retention.purge();

        assertEquals(true, hasBody(id));
        me().get(location).then().statusCode(200).body("status", equalTo("SCHEDULED")).body("bodyRemoved", equalTo(false));
    }
}
