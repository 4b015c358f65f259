package no.xsoffice.mail.suppression;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One address on an organisation's suppression list. */
@Schema(name = "Suppression")
public record SuppressionView(
        @Schema(description = "The address, lower-cased: addresses are compared without regard to case",
                examples = "ola@example.com", maxLength = 254) String address,
        SuppressionReason reason,
        Instant createdAt,
        @Schema(description = "When it stops applying (SOFT_BOUNCE); null: until an administrator lifts it",
                nullable = true) Instant expiresAt,
        @Schema(description = "Message-ID of the message whose bounce or complaint put it there; null for MANUAL and"
                + " UNSUBSCRIBE", nullable = true, examples = "<0b6e5c1a@mail.xs-office.no>") String messageId,
        @Schema(description = "The bounce's status and diagnostic, or the feedback type of the complaint", nullable = true)
        String reply,
        @Schema(description = "User id of the administrator who added it (MANUAL); null otherwise", nullable = true)
        String createdBy) {
}
