package no.xsoffice.mail.webhook;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.DnsServerResource;
import no.xsoffice.mail.GreenMailResource;

/** Signed delivery events: endpoints, signatures, retries, and each event once however many loops send. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DnsServerResource.class, scope = TestResourceScope.GLOBAL)
class WebhookTest {

    @Inject
    WebhookDispatcher dispatcher;

    private final String org = newId("org");
    private final String base = "/api/v1/organizations/" + org + "/webhooks";
    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver(0);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private RequestSpecification admin() {
        return as(newId("admin"), org, "org-admin");
    }

    private JsonPath create(Receiver to, List<String> events) {
        JsonPath created = admin().body(json("""
                { "url": %s, "events": %s }""", to.url(), events)).post(base)
                .then().statusCode(201).extract().jsonPath();
        to.secret(created.getString("secret"));
        return created;
    }

    private String send(String user) {
        return as(user, org, "user").body(json("""
                { "to": [%s], "subject": "Tilbud", "text": "Hei Ola" }""", "ola@" + newId("r") + ".example"))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).dontCatchUncaughtExceptions().until(condition);
    }

    @Test
    void shouldShowTheSecretOnlyAtCreationAndRejectBadInputNamingTheField() {
        JsonPath created = create(receiver, List.of("message.sent"));
        assertThat(created.getString("secret")).startsWith("whsec_");
        String location = base + "/" + created.getString("id");
        admin().get(location).then().statusCode(200).body("secret", nullValue()).body("url", equalTo(receiver.url()));
        admin().body("""
                { "url": "ftp://example.com/x", "events": ["message.sent"] }""").post(base)
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        admin().body(json("""
                { "url": %s, "events": ["message.opened"] }""", receiver.url())).post(base)
                .then().statusCode(400).body("errors[0].field", equalTo("events[0]"));
        admin().body(json("""
                { "url": %s, "events": ["message.failed"] }""", receiver.url())).put(location)
                .then().statusCode(200).body("events", equalTo(List.of("message.failed")));
        as(newId("kari"), org, "user").get(base).then().statusCode(403);
        as(newId("admin"), newId("other"), "org-admin").get(location).then().statusCode(404);
        admin().delete(location).then().statusCode(204);
        admin().get(location).then().statusCode(404);
    }

    @Test
    void shouldAnswerWhatTheReceiverSaidToATestEvent() {
        String id = create(receiver, List.of("message.sent")).getString("id");
        JsonPath answer = admin().post(base + "/" + id + "/test").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getMap("")).as("the test event's answer").containsEntry("delivered", true)
                .containsEntry("statusCode", 204);
        assertEquals(1, receiver.calls().size());
        assertThat(receiver.calls().get(0).verified()).as(receiver.calls().toString()).isTrue();
    }

    @Test
    void shouldSendASignedMessageSentEventForEachMessage() {
        create(receiver, List.of("message.sent", "message.failed"));
        String user = newId("kari");
        String location = send(user);
        await(() -> !receiver.calls().isEmpty());
        Receiver.Call call = receiver.calls().get(0);
        assertThat(call.verified()).as(call.toString()).isTrue();
        assertThat(call.id()).startsWith("msg_");
        JsonPath event = JsonPath.from(call.body());
        assertEquals("message.sent", event.getString("type"));
        assertEquals("SENT", event.getString("data.status"));
        assertEquals(user, event.getString("data.userId"));
        assertEquals(location.substring(location.lastIndexOf('/') + 1), event.getString("data.id"));
        assertEquals("ACCEPTED", event.getString("data.recipients[0].status"));
    }

    @Test
    void shouldRetryAReceiverThatAnswers500AndShowItsLastFailure() throws Exception {
        receiver.close();
        receiver = new Receiver(2);
        String id = create(receiver, List.of("message.sent")).getString("id");
        send(newId("kari"));
        await(() -> receiver.calls().size() >= 3);
        Set<String> ids = new HashSet<>();
        receiver.calls().forEach(c -> ids.add(c.id()));
        assertEquals(1, ids.size(), "one event, tried again with the same webhook-id");
        assertThat(receiver.calls()).allMatch(Receiver.Call::verified);
        admin().get(base + "/" + id).then().statusCode(200)
                .body("lastFailure.statusCode", equalTo(500)).body("lastSuccessAt", notNullValue());
    }

    @Test
    void shouldDeliverEachEventOnceWhenTwoLoopsSendAtOnce() {
        create(receiver, List.of("message.sent"));
        AtomicBoolean running = new AtomicBoolean(true);
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            loops.add(CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    dispatcher.deliverDue();
                }
            }));
        }
        int messages = 12;
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            sent.add(send(newId("kari")).replaceAll(".*/", ""));
        }
        // only this test's events: an endpoint of an earlier test may still retry to a port this receiver now has
        java.util.function.Supplier<List<Receiver.Call>> ours = () -> receiver.calls().stream()
                .filter(c -> sent.stream().anyMatch(c.body()::contains)).toList();
        try {
            await(() -> ours.get().size() >= messages);
            Thread.sleep(1000); // a duplicate would arrive now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.set(false);
            loops.forEach(CompletableFuture::join);
        }
        Set<String> ids = new HashSet<>();
        ours.get().forEach(c -> ids.add(c.id()));
        assertEquals(messages, ours.get().size(), "each event exactly once: " + receiver.calls());
        assertEquals(messages, ids.size());
    }
}
