package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;
import no.xsoffice.mail.ScriptedSmtpServer;

/** Delivery through each kind of server, and what happens when a server refuses, fails or goes silent. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryTest {

    private static final String PROFILE = "/api/v1/users/me/smtp-profile";

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    Outbox outbox;

    @Inject
    Heartbeat heartbeat;

    @Inject
    EntityManager em;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String domain = newId("d") + ".example";
    private ScriptedSmtpServer scripted;

    @BeforeEach
    void startScriptedServer() throws Exception {
        scripted = new ScriptedSmtpServer();
    }

    @AfterEach
    void stopScriptedServer() throws Exception {
        scripted.close();
    }

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private void useOwnServer(String host, int port, String security, String username, String password) {
        Map<String, Object> profile = new HashMap<>(Map.of("useSharedServer", false, "host", host, "port", port,
                "security", security, "authentication", username != null));
        if (username != null) {
            profile.put("username", username);
            profile.put("password", password);
        }
        me().body(profile).put(PROFILE).then().statusCode(200);
    }

    private String send(String... to) {
        return me().body(json("""
                { "to": %s, "subject": "Tilbud", "text": "Hei" }""", List.of(to)))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
    }

    private String sendToDomain() {
        return send("ola@" + domain);
    }

    @Test
    void shouldUseTheUsersOwnServerSigningInWithTheStoredPassword() {
        String login = newId("login");
        greenMail.setUser(login + "@firma.no", login, "riktig-passord");
        useOwnServer("127.0.0.1", greenMail.getSmtp().getPort(), "NONE", login, "riktig-passord");
        me().get("/api/v1/users/me/effective-transport").then().statusCode(200)
                .body("transport", equalTo("USER")).body("port", equalTo(greenMail.getSmtp().getPort()));

        JsonPath sent = Mailbox.awaitStatus(me(), sendToDomain(), "SENT");
        assertEquals("USER", sent.getString("attempts[0].transport"));
        Mailbox.await(greenMail, domain, 1);
    }

    @Test
    void shouldUseTheOrganisationsServerOverImplicitTlsWithAVerifiedCertificate() {
        as(newId("admin"), org, "org-admin").body(json("""
                { "host": "localhost", "port": %s, "security": "SSL_TLS" }""", greenMail.getSmtps().getPort()))
                .put("/api/v1/organizations/" + org + "/smtp-server").then().statusCode(200);
        me().get("/api/v1/users/me/effective-transport").then().body("transport", equalTo("ORGANIZATION"));

        JsonPath sent = Mailbox.awaitStatus(me(), sendToDomain(), "SENT");
        assertEquals("ORGANIZATION", sent.getString("attempts[0].transport"));
        Mailbox.await(greenMail, domain, 1);
    }

    @Test
    void shouldRefuseACertificateIssuedForAnotherHost() {
        useOwnServer("127.0.0.1", greenMail.getSmtps().getPort(), "SSL_TLS", null, null);

        JsonPath retrying = Mailbox.awaitStatus(me(), sendToDomain(), "RETRYING");
        assertThat(retrying.getString("lastError")).as(retrying.prettify()).isNotNull();
        assertEquals(0, greenMail.getReceivedMessagesForDomain(domain).length);
    }

    @Test
    void shouldNeverFallBackToPlainTextWhenTheServerDoesNotOfferStartTls() {
        useOwnServer("127.0.0.1", greenMail.getSmtp().getPort(), "STARTTLS", null, null);

        JsonPath retrying = Mailbox.awaitStatus(me(), sendToDomain(), "RETRYING");
        assertThat(retrying.getString("lastError").toUpperCase()).as(retrying.prettify()).contains("STARTTLS");
        assertEquals(0, greenMail.getReceivedMessagesForDomain(domain).length);
    }

    @Test
    void shouldHoldMailWhenTheServerRefusesTheCredentialsAndReleaseItWhenTheyAreSaved() {
        String login = newId("login");
        greenMail.setUser(login + "@firma.no", login, "riktig-passord");
        useOwnServer("127.0.0.1", greenMail.getSmtp().getPort(), "NONE", login, "gammelt-passord");

        String location = sendToDomain();
        Mailbox.waiting()
                .until(() -> me().get(location).then().extract().jsonPath().getBoolean("held"));
        me().get(PROFILE).then().body("credentialsValid", equalTo(false))
                .body("credentialsFailureReply", containsString("535"));
        me().get(location).then().body("status", equalTo("RETRYING"));

        useOwnServer("127.0.0.1", greenMail.getSmtp().getPort(), "NONE", login, "riktig-passord");
        Mailbox.awaitStatus(me(), location, "SENT");
        Mailbox.await(greenMail, domain, 1);
    }

    @Test
    void shouldFailAtOnceWhenTheServerRefusesPermanently() {
        scripted.mailFromReply = "554 5.7.1 Sender rejected";
        useOwnServer("127.0.0.1", scripted.port(), "NONE", null, null);

        JsonPath failed = Mailbox.awaitStatus(me(), sendToDomain(), "FAILED");
        assertEquals(554, failed.getInt("attempts[0].replyCode"));
        assertThat(failed.getString("attempts[0].reply")).contains("Sender rejected");
    }

    @Test
    void shouldRetryATemporaryRefusalUntilTheServerTakesIt() {
        scripted.mailFromReply = "451 4.3.0 Try again later";
        useOwnServer("127.0.0.1", scripted.port(), "NONE", null, null);

        String location = sendToDomain();
        JsonPath retrying = Mailbox.awaitStatus(me(), location, "RETRYING");
        assertEquals(451, retrying.getInt("attempts[0].replyCode"));
        scripted.mailFromReply = "250 OK";
        Mailbox.awaitStatus(me(), location, "SENT");
    }

    @Test
    void shouldLoseNothingThroughAnOutageOfTheServer() throws Exception {
        useOwnServer("127.0.0.1", scripted.port(), "NONE", null, null);
        scripted.stop();

        List<String> locations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            locations.add(sendToDomain());
        }
        Mailbox.awaitStatus(me(), locations.get(0), "RETRYING");
        scripted.start();

        for (String location : locations) {
            Mailbox.awaitStatus(me(), location, "SENT");
        }
        assertEquals(5, scripted.messages.size());
    }

    @Test
    void shouldTimeOutOnASilentServerAndTryAgain() {
        scripted.silent = true;
        useOwnServer("127.0.0.1", scripted.port(), "NONE", null, null);

        String location = sendToDomain();
        JsonPath retrying = Mailbox.awaitStatus(me(), location, "RETRYING");
        assertThat(retrying.getList("attempts")).isNotEmpty();
        scripted.silent = false;
        Mailbox.awaitStatus(me(), location, "SENT");
    }

    @Test
    void shouldKeepDeliveringOthersMailWhileOneServerIsSilent() {
        scripted.silent = true;
        useOwnServer("127.0.0.1", scripted.port(), "NONE", null, null);
        for (int i = 0; i < 10; i++) {
            sendToDomain();
        }
        String otherDomain = newId("other") + ".example";
        asUser(newId("ola"), newId("org")).body(json("""
                { "to": [%s], "subject": "Hei", "text": "Hei" }""", "kari@" + otherDomain))
                .post("/api/v1/users/me/messages").then().statusCode(202);

        Mailbox.waiting().atMost(Duration.ofSeconds(5)).until(() ->
                greenMail.getReceivedMessagesForDomain(otherDomain).length == 1);
    }

    @Test
    void shouldRecordTheRecipientsTheServerRefused() {
        scripted.rcptReply = rcpt -> rcpt.contains("nobody") ? "550 5.1.1 No such user" : "250 OK";
        useOwnServer("127.0.0.1", scripted.port(), "NONE", null, null);

        JsonPath sent = Mailbox.awaitStatus(me(), send("ola@" + domain, "nobody@" + domain), "SENT");
        assertEquals(List.of("nobody@" + domain), sent.getList("attempts[0].rejectedRecipients"));
    }

    @Test
    void shouldReuseAFewConnectionsForManyMessagesToOneServer() {
        useOwnServer("127.0.0.1", scripted.port(), "NONE", null, null);

        for (int i = 0; i < 30; i++) {
            sendToDomain();
        }
        Mailbox.waiting().atMost(Duration.ofSeconds(30)).until(() -> scripted.messages.size() == 30);
        // at most 8 at a time per server; a connection idle past the read timeout is replaced
        assertThat(scripted.connections.get()).as("connections for 30 messages").isLessThanOrEqualTo(12);
    }

    @Test
    void shouldDeliverTheClaimsOfACrashedReplicaOnceTheirLeaseRunsOut() {
        String location = sendToDomain();
        Mailbox.awaitStatus(me(), location, "SENT");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        UUID expired = claimedCopy(id, "crashed-replica", "- interval '1 second'");
        heartbeat.register("busy-replica"); // alive: only its lease could free its claim
        UUID live = claimedCopy(id, "busy-replica", "+ interval '10 minutes'");

        Mailbox.await(greenMail, domain, 2);
        Mailbox.awaitStatus(me(), "/api/v1/users/me/messages/" + expired, "SENT");
        me().get("/api/v1/users/me/messages/" + live).then().body("status", equalTo("SENDING"));

        assertEquals(1, outbox.release("busy-replica"));
        Mailbox.awaitStatus(me(), "/api/v1/users/me/messages/" + live, "SENT");
        Mailbox.await(greenMail, domain, 3);
    }

    /** A copy of a stored message, as a replica that claimed it and then stopped would leave it. */
    @Transactional
    UUID claimedCopy(UUID original, String replica, String leaseFromNow) {
        UUID copy = UUID.randomUUID();
        em.createNativeQuery("insert into outbox_message (id, org_id, user_id, request_hash, message_id, from_address,"
                + " recipients, subject, size_bytes, status, attempts, next_attempt_at, lease_until, claimed_by,"
                + " created_at, updated_at) select ?1, org_id, user_id, request_hash, message_id, from_address,"
                + " recipients, subject, size_bytes, 'SENDING', 1, now(), now() " + leaseFromNow + ", ?2, now(),"
                + " now() from outbox_message where id = ?3")
                .setParameter(1, copy).setParameter(2, replica).setParameter(3, original).executeUpdate();
        em.createNativeQuery("insert into outbox_body (message_id, mime) select ?1, mime from outbox_body where message_id = ?2")
                .setParameter(1, copy).setParameter(2, original).executeUpdate();
        return copy;
    }

    @Test
    void shouldDeliverEveryMessageExactlyOnceWithSeveralDispatchersAtWork() throws Exception {
        int count = 60;
        List<MimeMessage> received;
        try (Replica b = Replica.start(); Replica c = Replica.start()) {
            for (int i = 0; i < count; i++) {
                sendToDomain();
            }
            received = Mailbox.await(greenMail, domain, count);
        }
        Set<String> ids = new HashSet<>();
        for (MimeMessage message : received) {
            ids.add(message.getMessageID());
        }
        assertEquals(count, ids.size());
        assertEquals(count, greenMail.getReceivedMessagesForDomain(domain).length);
    }
}
