package no.xsoffice.mail.smtp;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How much one account may send: each limit null where none is set. */
@Schema(name = "SendingLimits")
public record SendingLimits(
        @Schema(description = "SMTP connections at once", minimum = "1", maximum = "1000000", nullable = true) Integer connections,
        @Schema(description = "Messages a minute", minimum = "1", maximum = "1000000", nullable = true) Integer messagesPerMinute,
        @Schema(description = "Recipients (to, cc and bcc together) of one message", minimum = "1", maximum = "1000000", nullable = true)
        Integer recipientsPerMessage,
        @Schema(description = "Recipients in any 24 hours (a rolling window)", minimum = "1", maximum = "1000000", nullable = true)
        Integer recipientsPerDay) {

    public static final int MAX = 1_000_000;
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
