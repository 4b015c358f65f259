package no.xsoffice.mail.faults;

import static io.restassured.RestAssured.given;
import static no.xsoffice.mail.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import no.xsoffice.mail.ScriptedSmtpServer;
import no.xsoffice.mail.webhook.Receiver;
import no.xsoffice.mail.TestKeys;

/**
 * Faults against the packaged service: a replica killed in the middle of delivering (its claims return within a
 * minute, by its missing heartbeat, not at the end of the lease), and two replicas sharing one database. Every
 * accepted message must arrive; duplicates (at-least-once) stay within what was in flight and carry the same
 * Message-ID.
 */
class FaultToleranceIT {

    private static final Logger LOG = Logger.getLogger(FaultToleranceIT.class);

    private static GreenMail relay;
    private static String token;

    @BeforeAll
    static void startRelay() throws Exception {
        try (var db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                var drop = db.createStatement()) {
            drop.execute("drop schema if exists " + PackagedService.SCHEMA + " cascade"); // start from an empty schema
        }
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        token = Jwt.subject("faults").issuer("https://id.xs-office.dev").claim("org", "faults").groups("user")
                .claim("email", "faults@firma.no").expiresIn(Duration.ofHours(1))
                .sign(TestKeys.privateKey());
    }

    @AfterAll
    static void stopRelay() {
        relay.stop();
    }

    @Test
    void shouldDeliverEveryAcceptedMessageWithinAMinuteAfterAReplicaIsKilledMidDispatch() throws Exception {
        String domain = "crash-" + UUID.randomUUID() + ".example";
        PackagedService victim = new PackagedService("crash", 18091, relay.getSmtp().getPort());
        PackagedService survivor = new PackagedService("crash-survivor", 18096, relay.getSmtp().getPort());
        OffsetDateTime before = databaseNow();
        victim.start();
        String victimName = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> replicaStartedSince(before), Optional::isPresent).orElseThrow();
        survivor.start();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Receiver receiver = new Receiver(0);
        String webhook = createWebhook(survivor, receiver);
        try {
            // all mail is accepted by the survivor, so that the kill cannot lose an answer; both deliver it
            Future<Integer> sending = sender.submit(() -> send(List.of(survivor), domain, 1000));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> received(domain) > 0 && claimsOf(victimName) > 0);
            int beforeKill = received(domain);
            long killedAt = System.nanoTime();
            victim.kill();
            int orphaned = claimsOf(victimName);
            int accepted = sending.get();

            double seconds = awaitSettled(domain, accepted, killedAt);
            Map<String, Integer> copies = copies(domain);
            int duplicates = copies.values().stream().mapToInt(n -> n - 1).sum();
            LOG.infof("Crash: %d accepted, %d delivered before SIGKILL, %d left SENDING under the killed replica;"
                    + " all %d delivered %.1f s after the kill (default lease and replica timeout), %d duplicate(s)",
                    accepted, beforeKill, orphaned, copies.size(), seconds, duplicates);
            assertEquals(1000, accepted);
            assertEquals(accepted, copies.size());
            assertThat(orphaned).as("the replica had nothing in flight when it was killed").isGreaterThan(0);
            assertThat(seconds).as("seconds from the kill to the last message").isLessThanOrEqualTo(60);
            assertThat(duplicates).as("duplicates: more than the replica had in flight when it was killed")
                    .isLessThanOrEqualTo(PackagedService.IN_FLIGHT);

            // the delivery events were written with the status changes: every message's message.sent arrives
            long eventsFrom = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> sentEvents(receiver).size() >= accepted);
            List<Receiver.Call> calls = List.copyOf(receiver.calls());
            long distinctIds = calls.stream().map(Receiver.Call::id).distinct().count();
            LOG.infof("Crash: %d message.sent events for %d messages arrived %.1f s after the mail settled; %d calls,"
                    + " %d distinct webhook-ids, all signatures valid: %s", sentEvents(receiver).size(), accepted,
                    (System.nanoTime() - eventsFrom) / 1e9, calls.size(), distinctIds,
                    calls.stream().allMatch(Receiver.Call::verified));
            assertEquals(accepted, sentEvents(receiver).size());
            assertThat(calls).as("a signature did not verify").allMatch(Receiver.Call::verified);
        } finally {
            deleteWebhook(survivor, webhook);
            receiver.close();
            sender.shutdownNow();
            victim.stop();
            survivor.stop();
        }
    }

    @Test
    void shouldDeliverEachMessageExactlyOnceThroughTwoReplicas() throws Exception {
        String domain = "replicas-" + UUID.randomUUID() + ".example";
        PackagedService a = new PackagedService("replica-a", 18092, relay.getSmtp().getPort());
        PackagedService b = new PackagedService("replica-b", 18093, relay.getSmtp().getPort());
        a.start();
        b.start();
        try {
            int accepted = send(List.of(a, b), domain, 2000);
            Map<String, Integer> copies = awaitAll(domain, accepted);
            LOG.infof("Two replicas: %d accepted, %d distinct delivered, %d copies in all", accepted, copies.size(),
                    copies.values().stream().mapToInt(Integer::intValue).sum());
            assertEquals(2000, copies.size());
            assertThat(copies.values()).as("a message was delivered twice").allMatch(n -> n == 1);
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    void shouldAnswer503DuringADatabaseOutageAndRecoverByItself() throws Exception {
        String domain = "outage-" + UUID.randomUUID() + ".example";
        TcpProxy database = new TcpProxy(5432);
        PackagedService replica = new PackagedService("outage", 18094, relay.getSmtp().getPort(), database.port());
        replica.start();
        try {
            int before = send(List.of(replica), domain, 50);
            database.cut();

            long started = System.nanoTime();
            var answer = given().baseUri(replica.url()).auth().oauth2(token).contentType("application/json")
                    .body(json("""
                            { "to": [%s], "subject": "Under brudd", "text": "Hei" }""", "ola@" + domain))
                    .post("/api/v1/users/me/messages");
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            LOG.infof("Outage: %d accepted before, answered %d with Retry-After %s in %d s", before,
                    answer.statusCode(), answer.header("Retry-After"), seconds);
            assertEquals(503, answer.statusCode());
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.header("Retry-After")).isNotNull();
            assertThat(seconds).as("seconds to the answer").isLessThanOrEqualTo(10);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    given().baseUri(replica.url()).get("/q/health/ready").statusCode() == 503);

            database.restore();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    given().baseUri(replica.url()).get("/q/health/ready").statusCode() == 200);
            int after = send(List.of(replica), domain, 10);
            assertEquals(10, after);
            assertEquals(before + after, awaitAll(domain, before + after).size());
        } finally {
            replica.stop();
            database.cut();
        }
    }

    @Test
    void shouldDeliverEverythingOnceTheRelayIsBackFromAnOutage() throws Exception {
        String domain = "smtp-outage-" + UUID.randomUUID() + ".example";
        try (ScriptedSmtpServer down = new ScriptedSmtpServer()) {
            PackagedService replica = new PackagedService("smtp-outage", 18095, down.port());
            replica.start();
            try {
                down.stop();
                int accepted = send(List.of(replica), domain, 50);
                Thread.sleep(3_000); // a few failed attempts while the relay is away
                down.start();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> down.messages.size() >= accepted);
                LOG.infof("SMTP outage: %d accepted while the relay was down, %d delivered after it returned",
                        accepted, down.messages.size());
                assertEquals(50, accepted);
                assertEquals(accepted, down.messages.size());
            } finally {
                replica.stop();
            }
        }
    }

    /** Sends {@code count} messages spread over the replicas, 20 at a time; answers how many were accepted (202). */
    private static int send(List<PackagedService> replicas, String domain, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        AtomicInteger accepted = new AtomicInteger();
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PackagedService replica = replicas.get(i % replicas.size());
            int n = i;
            sends.add(pool.submit(() -> {
                int status = given().baseUri(replica.url()).auth().oauth2(token).contentType("application/json")
                        .body(json("""
                                { "to": [%s], "subject": %s, "text": "Hei" }""", "ola@" + domain, "Melding " + n))
                        .post("/api/v1/users/me/messages").statusCode();
                if (status == 202) {
                    accepted.incrementAndGet();
                }
            }));
        }
        for (Future<?> send : sends) {
            send.get();
        }
        pool.shutdown();
        return accepted.get();
    }

    /** An endpoint of organisation faults for message.sent, its secret given to the receiver; answers its path. */
    private static String createWebhook(PackagedService replica, Receiver receiver) throws Exception {
        String admin = Jwt.subject("faults-admin").issuer("https://id.xs-office.dev").claim("org", "faults")
                .groups("org-admin").expiresIn(Duration.ofHours(1)).sign(TestKeys.privateKey());
        var created = given().baseUri(replica.url()).auth().oauth2(admin).contentType("application/json")
                .body(json("""
                        { "url": %s, "events": ["message.sent"] }""", receiver.url()))
                .post("/api/v1/organizations/faults/webhooks").then().statusCode(201).extract();
        receiver.secret(created.jsonPath().getString("secret"));
        return created.header("Location") + "|" + admin;
    }

    private static void deleteWebhook(PackagedService replica, String webhook) {
        String[] parts = webhook.split("\\|");
        try {
            given().baseUri(replica.url()).auth().oauth2(parts[1]).delete(parts[0]);
        } catch (RuntimeException e) {
            LOG.warnf("The webhook endpoint could not be removed: %s", e.getMessage());
        }
    }

    /** The distinct messages a message.sent event arrived for. */
    private static Set<String> sentEvents(Receiver receiver) {
        Set<String> messages = new HashSet<>();
        for (Receiver.Call call : receiver.calls()) {
            JsonPath event = JsonPath.from(call.body());
            if ("message.sent".equals(event.getString("type"))) {
                messages.add(event.getString("data.id"));
            }
        }
        return messages;
    }

    private static int received(String domain) {
        return relay.getReceivedMessagesForDomain(domain).length;
    }

    /** Waits until every accepted message has arrived; answers the copies received per Message-ID. */
    private static Map<String, Integer> awaitAll(String domain, int accepted) {
        Map<String, Integer> copies = new HashMap<>();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            copies.clear();
            copies.putAll(copies(domain));
            return copies.size() >= accepted;
        });
        return copies;
    }

    /** The copies received per Message-ID. */
    private static Map<String, Integer> copies(String domain) throws Exception {
        Map<String, Integer> copies = new HashMap<>();
        for (MimeMessage message : relay.getReceivedMessagesForDomain(domain)) {
            copies.merge(message.getMessageID(), 1, Integer::sum);
        }
        return copies;
    }

    /**
     * Waits until every accepted message has arrived and none is left unfinished in the outbox (so that late
     * duplicates are counted too); answers the seconds from {@code since} to the last copy's arrival, to 0.1 s.
     */
    private static double awaitSettled(String domain, int accepted, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(120).toNanos();
        long lastArrival = since;
        int seen = received(domain);
        while (copies(domain).size() < accepted || unfinished(domain) > 0) {
            assertThat(System.nanoTime()).as("not all mail delivered within 120 s: " + copies(domain).size())
                    .isLessThan(deadline);
            Thread.sleep(100);
            int now = received(domain);
            if (now > seen) {
                seen = now;
                lastArrival = System.nanoTime();
            }
        }
        return (lastArrival - since) / 1e9;
    }

    /** The database's clock, the one replicas register and beat by. */
    private static OffsetDateTime databaseNow() throws Exception {
        OffsetDateTime[] now = new OffsetDateTime[1];
        query("select now()", null, rows -> now[0] = rows.getObject(1, OffsetDateTime.class));
        return now[0];
    }

    /** The first replica registered at or after {@code since}, by the database's clock. */
    private static Optional<String> replicaStartedSince(OffsetDateTime since) throws Exception {
        String[] name = new String[1];
        query("select name from outbox_replica where started_at >= ? order by started_at limit 1", since,
                rows -> name[0] = rows.getString(1));
        return Optional.ofNullable(name[0]);
    }

    /** Messages the replica named {@code replica} holds in SENDING. */
    private static int claimsOf(String replica) throws Exception {
        int[] count = new int[1];
        query("select count(*) from outbox_message where status = 'SENDING' and claimed_by = ?", replica,
                rows -> count[0] = rows.getInt(1));
        return count[0];
    }

    /** Messages to {@code domain} not yet SENT or FAILED. */
    private static int unfinished(String domain) throws Exception {
        int[] count = new int[1];
        query("select count(*) from outbox_message where status not in ('SENT', 'FAILED') and recipients[1] like ?",
                "%@" + domain, rows -> count[0] = rows.getInt(1));
        return count[0];
    }

    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    /** Runs {@code sql} in the services' schema, with one optional parameter, and reads each row. */
    private static void query(String sql, Object parameter, Row row) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?currentSchema="
                + PackagedService.SCHEMA, "postgres", ""); PreparedStatement statement = db.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.read(rows);
                }
            }
        }
    }
}
