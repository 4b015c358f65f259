package no.xsoffice.mail.send;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.suppression.SuppressionView;

/** One envelope recipient's outcome: the server's own reply to it, and when. */
@Schema(name = "Recipient")
public record Recipient(String address, RecipientStatus status,
        @Schema(description = "The server's reply for this recipient, every line; for ACCEPTED the reply to the message,"
                + " with the server's queue id; null while it has none", nullable = true) String reply,
        @Schema(description = "When the server answered", nullable = true) Instant at) {

    static Recipient pending(String address) {
        return new Recipient(address, RecipientStatus.PENDING, null, null);
    }

    static Recipient suppressed(String address, SuppressionView entry, Instant at) {
        return new Recipient(address, RecipientStatus.SUPPRESSED,
                "Not sent: the address is on the organisation's suppression list (" + entry.reason() + ")", at);
    }

    boolean waiting() {
        return status == RecipientStatus.PENDING || status == RecipientStatus.RETRYING;
    }
}
