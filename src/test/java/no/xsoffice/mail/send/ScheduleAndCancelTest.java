package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;
import no.xsoffice.mail.smtp.CredentialsSaved;

/** sendAt keeps a message until its time; DELETE cancels it until a dispatcher has claimed it ("undo send"). */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class ScheduleAndCancelTest {

    private static final String MESSAGES = "/api/v1/users/me/messages";

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String domain = newId("d") + ".example";

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private Map<String, Object> message(String subject, Object sendAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("to", List.of("Ola Nordmann <ola@" + domain + ">"));
        body.put("subject", subject);
        body.put("text", "Hei Ola");
        body.put("sendAt", sendAt);
        return body;
    }

    private String send(String subject, Object sendAt, String status) {
        return me().body(message(subject, sendAt)).post(MESSAGES).then().statusCode(202)
                .body("status", equalTo(status)).extract().header("Location");
    }

    private static String in(Duration ahead) {
        return Instant.now().plus(ahead).toString();
    }

    private static String idOf(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private int delivered() {
        return greenMail.getReceivedMessagesForDomain(domain).length;
    }

    @Test
    void shouldKeepAScheduledMessageUntilItsTimeThenDeliverIt() throws Exception {
        String sendAt = in(Duration.ofMillis(2500));
        String location = send("Planlagt", sendAt, "SCHEDULED");

        JsonPath waiting = me().get(location).then().statusCode(200).body("status", equalTo("SCHEDULED"))
                .extract().jsonPath();
        Instant at = Instant.parse(waiting.getString("sendAt"));
        assertEquals(Instant.parse(sendAt).toEpochMilli(), at.toEpochMilli());
        assertEquals(at, Instant.parse(waiting.getString("nextAttemptAt")));
        Thread.sleep(1500);
        me().get(location).then().body("status", equalTo("SCHEDULED"));
        assertEquals(0, delivered(), "nothing may leave before sendAt");

        JsonPath sent = Mailbox.awaitStatus(me(), location, "SENT");
        assertThat(Instant.parse(sent.getString("attempts[0].at"))).as(sent.prettify()).isAfterOrEqualTo(at);
        assertEquals("Planlagt", Mailbox.await(greenMail, domain, 1).get(0).getSubject());
        me().get(MESSAGES + "?status=SENT").then().body("sendAt", hasItem(waiting.getString("sendAt")));
    }

    @Test
    void shouldSendAtOnceWhenSendAtIsInThePastOrWithinASecond() {
        String past = send("Fortid", in(Duration.ofHours(-1)), "QUEUED");
        String soon = send("Straks", in(Duration.ofMillis(500)), "QUEUED");

        Mailbox.awaitStatus(me(), past, "SENT");
        me().get(soon).then().body("sendAt", nullValue());
        Mailbox.await(greenMail, domain, 2);
    }

    @Test
    void shouldRefuseASendAtMoreThanThirtyDaysAhead() {
        me().body(message("For sent", in(Duration.ofDays(31)))).post(MESSAGES).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("sendAt"))
                .body("detail", containsString("30 days"));
        String location = send("Om en måned", in(Duration.ofDays(30).minusMinutes(1)), "SCHEDULED");
        me().delete(location).then().statusCode(200);
    }

    @Test
    void shouldRefuseASendAtThatIsNotATimeWithItsOffset() {
        for (Object sendAt : new Object[] { "2026-12-24T18:00:00", "i morgen", 1764583200, List.of("2026-12-24T18:00:00Z"),
                Map.of("at", "2026-12-24T18:00:00Z") }) {
            me().body(message("Når?", sendAt)).post(MESSAGES).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("sendAt"));
        }
    }

    @Test
    void shouldTreatAnotherSendAtUnderTheSameKeyAsAnotherRequest() {
        String key = newId("key");
        Map<String, Object> body = message("Én gang", in(Duration.ofHours(1)));
        String id = me().header("Idempotency-Key", key).body(body).post(MESSAGES).then().statusCode(202)
                .extract().path("id");
        me().header("Idempotency-Key", key).body(body).post(MESSAGES).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("SCHEDULED"));
        body.put("sendAt", in(Duration.ofHours(2)));
        me().header("Idempotency-Key", key).body(body).post(MESSAGES).then().statusCode(422);
    }

    @Test
    void shouldCancelScheduledMessage() {
        String location = send("Avlyst", in(Duration.ofHours(1)), "SCHEDULED");

        me().delete(location).then().statusCode(200)
                .body("id", equalTo(idOf(location)))
                .body("status", equalTo("CANCELLED"))
                .body("finishedAt", notNullValue())
                .body("nextAttemptAt", nullValue())
                .body("sendAt", notNullValue())
                .body("bodyRemoved", equalTo(false));
        me().get(location).then().body("status", equalTo("CANCELLED"));
        me().delete(location).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already cancelled"));
    }

    @Test
    void shouldUndoASendWithinItsWindow() throws Exception {
        String location = send("Angre", in(Duration.ofSeconds(3)), "SCHEDULED");

        me().delete(location).then().statusCode(200).body("status", equalTo("CANCELLED"));

        Thread.sleep(4000); // past the window, and several dispatcher polls later
        me().get(location).then().body("status", equalTo("CANCELLED")).body("attempts", equalTo(List.of()));
        assertEquals(0, delivered());
    }

    @Test
    void shouldCancelAQueuedMessageHeldForCredentialsAndNeverSendIt() throws Exception {
        String login = newId("login");
        greenMail.setUser(login + "@firma.no", login, "riktig-passord");
        String profile = json("""
                { "useSharedServer": false, "host": "127.0.0.1", "port": %s, "security": "NONE",
                  "authentication": true, "username": %s, "password": "riktig-passord" }""",
                  greenMail.getSmtp().getPort(), login);
        me().body(profile).put("/api/v1/users/me/smtp-profile").then().statusCode(200);
        Rows.update(em, "update smtp_profile set credentials_valid = false where org_id = ?1 and user_id = ?2", org, user);
        String location = send("Holdt", null, "QUEUED");
        me().get(location).then().body("held", equalTo(true));

        me().delete(location).then().statusCode(200).body("status", equalTo("CANCELLED")).body("held", equalTo(false));

        me().body(profile).put("/api/v1/users/me/smtp-profile").then().statusCode(200); // releases held mail
        Thread.sleep(1500);
        me().get(location).then().body("status", equalTo("CANCELLED"));
        assertEquals(0, delivered());
    }

    @Test
    void shouldRefuseToCancelASentMessage() {
        String location = send("Sendt", null, "QUEUED");
        Mailbox.awaitStatus(me(), location, "SENT");

        me().delete(location).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:xs-mail:problem:not-cancellable"))
                .body("detail", containsString("already sent"));
        me().get(location).then().body("status", equalTo("SENT"));
    }

    @Test
    void shouldAnswerNotFoundWhenCancellingAnUnknownMessage() {
        me().get(MESSAGES).then().statusCode(200);
        me().delete(MESSAGES + "/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        me().delete(MESSAGES + "/not-an-id").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerNotFoundWhenCancellingAnotherOrganisationsMessage() {
        String location = send("Privat", in(Duration.ofHours(1)), "SCHEDULED");
        String id = idOf(location);

        as(newId("admin"), newId("org"), "org-admin").delete("/api/v1/users/" + user + "/messages/" + id).then()
                .statusCode(404).contentType("application/problem+json");
        as(newId("crm"), newId("org"), "service").delete("/api/v1/users/" + user + "/messages/" + id).then()
                .statusCode(404);
        asUser(user, newId("org")).delete(MESSAGES + "/" + id).then().statusCode(404);
        me().get(location).then().body("status", equalTo("SCHEDULED"));
    }

    @Test
    void shouldLetTheOrganisationsAdminCancelButNotAnotherUser() {
        String location = send("Til godkjenning", in(Duration.ofHours(1)), "SCHEDULED");
        String path = "/api/v1/users/" + user + "/messages/" + idOf(location);

        asUser(newId("ola"), org).delete(path).then().statusCode(403);
        as(newId("admin"), org, "org-admin").delete(path).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void shouldKeepAScheduledMessageWaitingWhenHeldMailIsReleased() {
        String location = send("Senere", in(Duration.ofHours(1)), "SCHEDULED");
        Rows.update(em, "update outbox_message set held = true where id = ?1", UUID.fromString(idOf(location)));

        outbox.releaseHeld(new CredentialsSaved(org, user));

        JsonPath view = me().get(location).then().body("status", equalTo("SCHEDULED")).body("held", equalTo(false))
                .extract().jsonPath();
        assertEquals(view.getString("sendAt"), view.getString("nextAttemptAt"));
    }

    @Test
    void shouldNeverBothCancelAndSendAMessage() throws Exception {
        me().delete(send("Oppvarming", in(Duration.ofHours(1)), "SCHEDULED")).then().statusCode(200);
        List<String> cancelled = new ArrayList<>();
        Map<String, String> refused = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            String subject = "Kappløp " + i;
            String location = send(subject, in(Duration.ofHours(1)), "SCHEDULED");
            Rows.update(em, "update outbox_message set next_attempt_at = now() + make_interval(secs => ?2) where id = ?1",
                    UUID.fromString(idOf(location)), i * 0.03); // due just before, or just after, it is cancelled
            Response answer = me().delete(location);
            assertThat(answer.statusCode()).as(answer.asString()).isIn(200, 409);
            if (answer.statusCode() == 200) {
                cancelled.add(subject);
            } else {
                refused.put(subject, location);
            }
        }
        refused.values().forEach(location -> Mailbox.awaitStatus(me(), location, "SENT"));
        Thread.sleep(1500); // a cancelled message that was sent anyway would arrive meanwhile
        List<String> received = Arrays.stream(greenMail.getReceivedMessagesForDomain(domain))
                .map(ScheduleAndCancelTest::subject).sorted().toList();
        assertEquals(List.copyOf(refused.keySet()), received, "cancelled " + cancelled + ", sent " + refused.keySet());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
