package no.xsoffice.mail.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;


/** A webhook endpoint as the API shows it; {@code secret} only in the answer to its creation. */
@Schema(name = "Webhook")
public record WebhookView(UUID id, @Schema(format = "uri") String url,
        @Schema(type = SchemaType.ARRAY, implementation = EventType.class) List<String> events,
        @Schema(description = "The signing secret (whsec_…), in the answer to the creation only (else null); keep it: it is not shown again", nullable = true)
        String secret,
        Instant createdAt, Instant updatedAt,
        @Schema(description = "When a receiver last answered 2xx; null before", nullable = true) Instant lastSuccessAt,
        @Schema(description = "The last failed attempt; null when none", nullable = true) Failure lastFailure) {

    /** A failed attempt: when, the receiver's status (null when it did not answer) or the error. */
    @Schema(name = "WebhookFailure")
    public record Failure(Instant at, @Schema(nullable = true) Integer statusCode, @Schema(nullable = true) String error) {
    }

    /** {@code {url, events}}: where, and which of {@link DeliveryEvents#TYPES}. */
    @Schema(name = "WebhookRequest", additionalProperties = Schema.False.class)
    public record Request(
            @Schema(description = "https URL of the receiver (http only with MAIL_TRANSPORT_ALLOW_PRIVATE_HOSTS=true);"
                    + " it must not resolve to a private, loopback, link-local or metadata address",
                    example = "https://crm.xs-office.no/hooks/mail", required = true, format = "uri", maxLength = WebhookService.MAX_URL) String url,
            @Schema(description = "Which events to send, at least one", type = SchemaType.ARRAY,
                    implementation = EventType.class, minItems = 1, required = true)
            List<String> events) {
    }

    /** The type of a delivery event, as the API names it. */
    @Schema(name = "EventType", type = SchemaType.STRING, enumeration = { DeliveryEvents.SENT, DeliveryEvents.FAILED,
            DeliveryEvents.BOUNCED, DeliveryEvents.HELD, DeliveryEvents.DEFERRED, DeliveryEvents.COMPLAINED,
            DeliveryEvents.SUPPRESSION_CREATED, DeliveryEvents.SUPPRESSION_DELETED })
    interface EventType {
    }

    /** What the receiver said to a test event. */
    @Schema(name = "WebhookTestResult")
    public record TestResult(String webhookId, boolean delivered, @Schema(nullable = true) Integer statusCode,
            @Schema(description = "The start of the receiver's answer", nullable = true) String body,
            @Schema(nullable = true) String error) {
    }

    static WebhookView of(WebhookEndpoint e, String secret) {
        Failure failure = e.lastFailureAt == null ? null : new Failure(e.lastFailureAt, e.lastFailureStatus, e.lastFailureError);
        return new WebhookView(e.id, e.url, e.events, secret, e.createdAt, e.updatedAt, e.lastSuccessAt, failure);
    }
}
