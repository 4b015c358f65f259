package no.xsoffice.mail.smtp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How much one account may send: each limit null where none is set. */
@Schema(name = "SendingLimits", additionalProperties = Schema.False.class)
public record SendingLimits(
        @Schema(description = "SMTP connections at once", nullable = true)
        @Min(value = 1, message = RANGE) @Max(value = MAX, message = RANGE) Integer connections,
        @Schema(description = "Messages a minute", nullable = true)
        @Min(value = 1, message = RANGE) @Max(value = MAX, message = RANGE) Integer messagesPerMinute,
        @Schema(description = "Recipients (to, cc and bcc together) of one message", nullable = true)
        @Min(value = 1, message = RANGE) @Max(value = MAX, message = RANGE) Integer recipientsPerMessage,
        @Schema(description = "Recipients in any 24 hours (a rolling window)", nullable = true)
        @Min(value = 1, message = RANGE) @Max(value = MAX, message = RANGE) Integer recipientsPerDay) {

    public static final int MAX = 1_000_000;
    static final String RANGE = "must be a whole number from 1 to " + MAX + ", or null for none";
    public static final SendingLimits NONE = new SendingLimits(null, null, null, null);

    /** These limits, each one not set taken from {@code fallback}. */
    public SendingLimits orElse(SendingLimits fallback) {
        return new SendingLimits(connections != null ? connections : fallback.connections,
                messagesPerMinute != null ? messagesPerMinute : fallback.messagesPerMinute,
                recipientsPerMessage != null ? recipientsPerMessage : fallback.recipientsPerMessage,
                recipientsPerDay != null ? recipientsPerDay : fallback.recipientsPerDay);
    }

    public boolean windowed() {
        return messagesPerMinute != null || recipientsPerDay != null;
    }
}
