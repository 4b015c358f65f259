package no.xsoffice.mail.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A webhook endpoint as the API shows it; {@code secret} only in the answer to its creation. */
@Schema(name = "Webhook")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(UUID id, String url, List<String> events,
        @Schema(description = "The signing secret (whsec_…), in the answer to the creation only; keep it: it is not shown again")
        String secret,
        Instant createdAt, Instant updatedAt,
        @Schema(description = "When a receiver last answered 2xx") Instant lastSuccessAt,
        @Schema(description = "The last failed attempt, if any") Failure lastFailure) {

    /** A failed attempt: when, the receiver's status (null when it did not answer) or the error. */
    @Schema(name = "WebhookFailure")
    public record Failure(Instant at, Integer statusCode, String error) {
    }

    /** {@code {url, events}}: where, and which of {@link DeliveryEvents#TYPES}. */
    @Schema(name = "WebhookRequest")
    public record Request(
            @Schema(description = "https URL of the receiver (http only with MAIL_TRANSPORT_ALLOW_PRIVATE_HOSTS=true);"
                    + " it must not resolve to a private, loopback, link-local or metadata address",
                    example = "https://crm.xs-office.no/hooks/mail") String url,
            @Schema(description = "message.sent, message.failed, message.bounced, message.held, message.deferred")
            List<String> events) {
    }

    /** What the receiver said to a test event. */
    @Schema(name = "WebhookTestResult")
    public record TestResult(String webhookId, boolean delivered, Integer statusCode,
            @Schema(description = "The start of the receiver's answer") String body, String error) {
    }

    static WebhookView of(WebhookEndpoint e, String secret) {
        Failure failure = e.lastFailureAt == null ? null : new Failure(e.lastFailureAt, e.lastFailureStatus, e.lastFailureError);
        return new WebhookView(e.id, e.url, e.events, secret, e.createdAt, e.updatedAt, e.lastSuccessAt, failure);
    }
}
