package no.xsoffice.mail.faults;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import no.xsoffice.mail.ScriptedSmtpServer;

/**
 * Faults against the packaged service: a replica killed in the middle of delivering, and two
 * replicas sharing one database. Every accepted message must arrive; duplicates (at-least-once)
 * stay within what was in flight and carry the same Message-ID.
 */
class FaultToleranceIT {

    private static final Logger LOG = Logger.getLogger(FaultToleranceIT.class);

    private static GreenMail relay;
    private static String token;

    @BeforeAll
    static void startRelay() throws Exception {
        try (var db = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                var drop = db.createStatement()) {
            drop.execute("drop schema if exists " + PackagedService.SCHEMA + " cascade"); // start from an empty schema
        }
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        token = Jwt.subject("faults").issuer("https://id.xs-office.dev").claim("org", "faults").groups("user")
                .claim("email", "faults@firma.no").expiresIn(Duration.ofHours(1))
                .sign(KeyUtils.readPrivateKey("dev/jwt-private.pem"));
    }

    @AfterAll
    static void stopRelay() {
        relay.stop();
    }

    @Test
    void shouldDeliverEveryAcceptedMessageAfterAReplicaIsKilledMidDispatch() throws Exception {
        String domain = "crash-" + UUID.randomUUID() + ".example";
        PackagedService replica = new PackagedService("crash", 18091, relay.getSmtp().getPort());
        replica.start();
        try {
            int accepted = send(List.of(replica), domain, 1000);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> received(domain) > 0);
            int beforeKill = received(domain);
            replica.kill();
            replica.start();

            Map<String, Integer> copies = awaitAll(domain, accepted);
            int duplicates = copies.values().stream().mapToInt(n -> n - 1).sum();
            LOG.infof("Crash: %d accepted, %d delivered before SIGKILL, %d distinct delivered, %d duplicate(s)",
                    accepted, beforeKill, copies.size(), duplicates);
            assertEquals(1000, accepted);
            assertEquals(accepted, copies.size());
            assertTrue(duplicates <= PackagedService.IN_FLIGHT,
                    duplicates + " duplicates: more than the replica had in flight when it was killed");
        } finally {
            replica.stop();
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
            assertTrue(copies.values().stream().allMatch(n -> n == 1), "a message was delivered twice");
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
                    .body(Map.of("to", List.of("ola@" + domain), "subject", "Under brudd", "text", "Hei"))
                    .post("/api/v1/users/me/messages");
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            LOG.infof("Outage: %d accepted before, answered %d with Retry-After %s in %d s", before,
                    answer.statusCode(), answer.header("Retry-After"), seconds);
            assertEquals(503, answer.statusCode());
            assertTrue(answer.contentType().startsWith("application/problem+json"));
            assertTrue(answer.header("Retry-After") != null);
            assertTrue(seconds <= 10, "answered after " + seconds + " s");
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
        List<Future<?>> sends = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            PackagedService replica = replicas.get(i % replicas.size());
            int n = i;
            sends.add(pool.submit(() -> {
                int status = given().baseUri(replica.url()).auth().oauth2(token).contentType("application/json")
                        .body(Map.of("to", List.of("ola@" + domain), "subject", "Melding " + n, "text", "Hei"))
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

    private static int received(String domain) {
        return relay.getReceivedMessagesForDomain(domain).length;
    }

    /** Waits until every accepted message has arrived; answers the copies received per Message-ID. */
    private static Map<String, Integer> awaitAll(String domain, int accepted) {
        Map<String, Integer> copies = new HashMap<>();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            copies.clear();
            for (MimeMessage message : relay.getReceivedMessagesForDomain(domain)) {
                copies.merge(message.getMessageID(), 1, Integer::sum);
            }
            return copies.size() >= accepted;
        });
        return copies;
    }
}
