package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.transport.Transport;

/**
 * A fault of the service before the SMTP session begins is an attempt like any other: recorded with a reason for
 * people and tried again after the backoff, never claimed again and again.
 */
@QuarkusTest
class DeliveryFaultTest {

    private final String org = newId("org");
    private final String user = newId("kari");

    private RequestSpecification me() {
        return asUser(user, org);
    }

    @Test
    void shouldRecordAFaultBeforeDeliveryOncePerBackoffStepNotInALoop() {
        AtomicInteger starts = new AtomicInteger();
        QuarkusMock.installMockForType(new Courier(null, null, null, null, null, null, null, null) {
            @Override
            CompletableFuture<DeliveryResult> deliver(OutboxMessage message, Transport transport) {
                starts.incrementAndGet();
                throw new IllegalStateException("MAIL_TRANSPORT_TRUST_CERTS: cannot read certificates from /nowhere");
            }
        }, Courier.class);
        String location = me().body("""
                { "to": ["ola@example.com"], "subject": "Tilbud", "text": "Hei" }""")
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");

        Mailbox.waiting().atMost(Duration.ofSeconds(20)).until(() -> attempts(location).size() >= 3);

        JsonPath view = me().get(location).then().statusCode(200).extract().jsonPath();
        List<String> replies = view.getList("attempts.reply");
        List<Instant> times = view.getList("attempts.at", String.class).stream().map(Instant::parse).toList();
        assertThat(view.getString("status")).isIn("RETRYING", "SENDING");
        assertThat(view.getString("lastError")).isEqualTo(Dispatcher.PRE_DELIVERY_FAULT);
        assertThat(replies).allMatch(Dispatcher.PRE_DELIVERY_FAULT::equals)
                .noneMatch(r -> r.contains("Exception") || r.contains("MAIL_TRANSPORT"));
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).as("between attempts %d and %d", i, i + 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900)); // the test profile's first backoff is 1 s
        }
        assertThat(starts.get()).as("deliveries started").isLessThanOrEqualTo(attempts(location).size() + 1);
    }

    private List<Object> attempts(String location) {
        return me().get(location).then().statusCode(200).extract().jsonPath().getList("attempts");
    }
}
