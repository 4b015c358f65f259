package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;

/**
 * Replica heartbeats: the claims of a replica that stopped beating (or has no row) return to the queue long before
 * their lease ends, those of a replica that beats stay its own, and the lease remains the last resort.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class ReplicaHeartbeatTest {

    private static final double TEN_MINUTES = 600;

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Heartbeat heartbeat;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String domain = newId("d") + ".example";

    @Test
    void shouldDeliverTheClaimsOfAReplicaThatStoppedBeatingLongBeforeTheirLeaseEnds() {
        UUID original = sentMessage();
        UUID claim = inOneTransaction(() -> {
            beatSecondsAgo("silent-replica", 60);
            return claimedCopy(original, "silent-replica", TEN_MINUTES);
        });

        Mailbox.awaitStatus(me(), location(claim), "SENT");
        Mailbox.await(greenMail, domain, 2);
    }

    @Test
    void shouldDeliverTheClaimsOfAReplicaThatHasNoRow() {
        UUID original = sentMessage();
        UUID claim = inOneTransaction(() -> claimedCopy(original, "vanished-replica", TEN_MINUTES));

        Mailbox.awaitStatus(me(), location(claim), "SENT");
    }

    @Test
    void shouldLeaveTheClaimsOfAReplicaThatKeepsBeating() {
        UUID original = sentMessage();
        heartbeat.register("beating-replica");
        UUID[] claims = inOneTransaction(() -> new UUID[] {
                claimedCopy(original, "beating-replica", TEN_MINUTES),
                claimedCopy(original, "vanished-replica", TEN_MINUTES) });

        // the claim that took the vanished replica's message looked at the beating one's too, and left it
        Mailbox.awaitStatus(me(), location(claims[1]), "SENT");
        me().get(location(claims[0])).then().body("status", equalTo("SENDING"));

        assertEquals(1, outbox.release("beating-replica"));
        Mailbox.awaitStatus(me(), location(claims[0]), "SENT");
        Mailbox.await(greenMail, domain, 3);
    }

    @Test
    void shouldReturnTheClaimsWhoseDeliveryCouldNotStartAndOnlyThose() {
        UUID original = sentMessage();
        heartbeat.register("failing-replica");
        UUID[] claims = inOneTransaction(() -> new UUID[] {
                claimedCopy(original, "failing-replica", TEN_MINUTES),
                claimedCopy(original, "failing-replica", TEN_MINUTES) });

        assertEquals(1, outbox.release("failing-replica", List.of(claims[0])));
        Mailbox.awaitStatus(me(), location(claims[0]), "SENT");
        me().get(location(claims[0])).then().body("attempts.size()", equalTo(1));
        me().get(location(claims[1])).then().body("status", equalTo("SENDING"));
        assertEquals(1, outbox.release("failing-replica"));
    }

    @Test
    void shouldStillTakeAClaimWhoseLeaseRanOutThoughItsReplicaBeats() {
        UUID original = sentMessage();
        heartbeat.register("stuck-replica");
        UUID claim = inOneTransaction(() -> claimedCopy(original, "stuck-replica", -1));

        Mailbox.awaitStatus(me(), location(claim), "SENT");
    }

    @Test
    void shouldSendAScheduledMessageOnceItsTimeHasCome() {
        UUID original = sentMessage();
        UUID[] scheduled = inOneTransaction(() -> new UUID[] {
                scheduledCopy(original, 0), scheduledCopy(original, 3600) });

        Mailbox.awaitStatus(me(), location(scheduled[0]), "SENT");
        me().get(location(scheduled[1])).then().body("status", equalTo("SCHEDULED"));
    }

    @Test
    void shouldBeatForThisReplicaAndRegisterItAgainWhenItsRowIsGoneWithoutTakingItsOwnClaims() {
        String replica = dispatcher.replica();
        assertThat(beatAge(replica)).as("age in seconds of this replica's last beat").isLessThan(10);
        UUID original = sentMessage();
        UUID inFlight = inOneTransaction(() -> claimedCopy(original, replica, TEN_MINUTES));

        inOneTransaction(() -> em.createNativeQuery("delete from outbox_replica where name = ?1")
                .setParameter(1, replica).executeUpdate());

        Mailbox.waiting().until(() -> beatAge(replica) >= 0 && beatAge(replica) < 1);
        assertThat(heartbeat.alive()).isTrue();
        me().get(location(inFlight)).then().body("status", equalTo("SENDING"));
        assertEquals(1, outbox.release(replica, List.of(inFlight)));
        Mailbox.awaitStatus(me(), location(inFlight), "SENT");
    }

    @Test
    void shouldForgetReplicasSilentForMoreThanAnHour() {
        inOneTransaction(() -> {
            beatSecondsAgo("long-gone-replica", 7200);
            beatSecondsAgo("lately-gone-replica", 120);
            return null;
        });

        assertThat(heartbeat.forgetDead()).isGreaterThanOrEqualTo(1);
        assertEquals(-1, beatAge("long-gone-replica"));
        assertThat(beatAge("lately-gone-replica")).isGreaterThanOrEqualTo(120);
    }

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private static String location(UUID id) {
        return "/api/v1/users/me/messages/" + id;
    }

    /** A message the service accepted and sent, to be copied as other replicas would have left it. */
    private UUID sentMessage() {
        String location = me().body(json("""
                { "to": [%s], "subject": "Tilbud", "text": "Hei" }""", "ola@" + domain))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
        Mailbox.awaitStatus(me(), location, "SENT");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    /** Runs {@code work} in one transaction, so that the dispatcher sees its rows only as they are at its end. */
    @Transactional
    <T> T inOneTransaction(Supplier<T> work) {
        return work.get();
    }

    /** A copy of a stored message, claimed by {@code replica} with a lease that ends {@code leaseSeconds} from now. */
    private UUID claimedCopy(UUID original, String replica, double leaseSeconds) {
        UUID copy = queuedCopy(original);
        em.createNativeQuery("update outbox_message set status = 'SENDING', attempts = 1, claimed_by = ?2,"
                + " lease_until = now() + make_interval(secs => ?3) where id = ?1")
                .setParameter(1, copy).setParameter(2, replica).setParameter(3, leaseSeconds).executeUpdate();
        return copy;
    }

    /** A copy of a stored message, scheduled {@code dueInSeconds} from now. */
    private UUID scheduledCopy(UUID original, double dueInSeconds) {
        UUID copy = queuedCopy(original);
        em.createNativeQuery("update outbox_message set status = 'SCHEDULED',"
                + " send_at = now() + make_interval(secs => ?2),"
                + " next_attempt_at = now() + make_interval(secs => ?2) where id = ?1")
                .setParameter(1, copy).setParameter(2, dueInSeconds).executeUpdate();
        return copy;
    }

    /** A copy of a stored message, body and all, waiting to be sent (changed further before its transaction ends). */
    private UUID queuedCopy(UUID original) {
        UUID copy = UUID.randomUUID();
        em.createNativeQuery("insert into outbox_message (id, org_id, user_id, request_hash, message_id, from_address,"
                + " recipients, subject, mail, size_bytes, status, attempts, next_attempt_at, created_at, updated_at)"
                + " select ?1, org_id, user_id, request_hash, message_id, from_address, recipients, subject, mail,"
                + " size_bytes, 'QUEUED', 0, now(), now(), now() from outbox_message where id = ?2")
                .setParameter(1, copy).setParameter(2, original).executeUpdate();
        em.createNativeQuery("insert into outbox_body (message_id, mime) select ?1, mime from outbox_body"
                + " where message_id = ?2").setParameter(1, copy).setParameter(2, original).executeUpdate();
        return copy;
    }

    /** A replica row whose last beat was {@code seconds} ago. */
    private Object beatSecondsAgo(String replica, double seconds) {
        return em.createNativeQuery("insert into outbox_replica (name, started_at, beat_at)"
                + " values (?1, now() - interval '1 day', now() - make_interval(secs => ?2))"
                + " on conflict (name) do update set beat_at = excluded.beat_at")
                .setParameter(1, replica).setParameter(2, seconds).executeUpdate();
    }

    /** Seconds since {@code replica} last beat, by the database's clock; -1 when it has no row. */
    @Transactional
    double beatAge(String replica) {
        List<?> age = em.createNativeQuery(
                "select extract(epoch from now() - beat_at)::float8 from outbox_replica where name = ?1")
                .setParameter(1, replica).getResultList();
        return age.isEmpty() ? -1 : ((Number) age.get(0)).doubleValue();
    }
}
