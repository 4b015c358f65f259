package no.xsoffice.mail.send;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.transport.TransportKind;

/** A message as its sender sees it in sent items: status, and with {@code attempts} every delivery attempt. */
@Schema(name = "Message")
public record MessageView(
        @Schema(readOnly = true) UUID id,
        MessageStatus status,
        @Schema(description = "The Message-ID header; the same on every attempt") String messageId,
        @Schema(description = "The server the message went (or will go) through; null before it was first resolved", nullable = true) TransportKind transport,
        @Schema(description = "The From address", format = "email") String from,
        @Schema(description = "Every envelope recipient (to, cc, bcc and the default BCC) with its own outcome")
        List<Recipient> recipients,
        @Schema(nullable = true) String subject,
        long sizeBytes,
        @Schema(description = "Waiting for credentials the server accepts: saving the SMTP settings again releases it")
        boolean held,
        @Schema(description = "Its body was removed, some time after it became final (retention); what is shown here is kept")
        boolean bodyRemoved,
        @Schema(description = "When it was accepted") Instant createdAt,
        @Schema(description = "When the sender asked it to be sent, if that was later than its acceptance", nullable = true) Instant sendAt,
        @Schema(description = "When the next attempt is due, while SCHEDULED, QUEUED or RETRYING (and not held)", nullable = true) Instant nextAttemptAt,
        @Schema(description = "Why it waits for its next attempt: RETRY (a temporary failure), QUOTA or RATE (a"
                + " provider's limit), CONNECTIONS (too many at once) or SCHEDULED; null when it does not wait", nullable = true) DeferredReason deferredReason,
        @Schema(description = "When it became SENT, FAILED or CANCELLED", nullable = true) Instant finishedAt,
        @Schema(description = "Why the last attempt failed", nullable = true) String lastError,
        @Schema(description = "Every delivery attempt, oldest first, when one message is read; null in lists", nullable = true) List<Attempt> attempts,
        @Schema(description = "Set when XS Office's relay sent it with its own From, because the From domain publishes"
                + " DMARC quarantine or reject and has no verified sending domain; Reply-To was the sender. Else null", nullable = true)
        FromRewritten fromRewritten,
        @Schema(description = "Only when one message is read, and only for mail sent through the user's own server:"
                + " the copy in the mailbox's Sent folder; else null", nullable = true) SentCopy sentCopy) {

    /** The relay's From in place of the sender's. */
    @Schema(name = "FromRewritten")
    public record FromRewritten(@Schema(description = "Why") String reason,
            @Schema(description = "The From header it was sent with") String from) {
    }

    /** The copy of a message in the mailbox's Sent folder; it never changes the message's status. */
    @Schema(name = "SentCopy")
    public record SentCopy(
            @Schema(description = "PENDING (queued, or waiting for its next try), SAVED, FAILED (after the last try,"
                    + " or at once when the IMAP server refused the sign-in) or SKIPPED (not wanted: sentCopy NEVER, a"
                    + " provider that files sent mail itself, no IMAP server known)",
                    enumeration = { "PENDING", "SAVED", "FAILED", "SKIPPED" }) String status,
            @Schema(description = "The folder it was filed in", examples = "Sent", nullable = true) String folder,
            @Schema(description = "The IMAP server's reply, the failure, or why it was skipped", nullable = true) String reply,
            @Schema(description = "When it was saved, failed or skipped (while PENDING: the last failed try)", nullable = true) Instant at) {
    }

    /** One delivery attempt. */
    @Schema(name = "DeliveryAttempt")
    public record Attempt(Instant at, @Schema(nullable = true) TransportKind transport, MessageStatus outcome,
            @Schema(description = "SMTP reply code, when the server answered", nullable = true) Integer replyCode,
            @Schema(description = "The server's reply or the failure, sanitised", nullable = true) String reply,
            @Schema(description = "Recipients the server refused while taking the message for the others; null when none", nullable = true)
            List<String> rejectedRecipients,
            @Schema(description = "True when the whole message went to the server and its reply to it never came"
                    + " (no answer within the wait for it, or the connection lost): the recipients it had accepted may"
                    + " already have a copy, and are tried again with the same Message-ID")
            boolean outcomeUnknown) {

        static Attempt of(DeliveryAttempt a) {
            return new Attempt(a.attemptedAt, a.transport, a.outcome, a.replyCode, a.replyText,
                    a.rejectedRecipients == null || a.rejectedRecipients.isEmpty() ? null : a.rejectedRecipients,
                    a.outcomeUnknown);
        }
    }

    static MessageView of(OutboxMessage m, List<Attempt> attempts) {
        return of(m, attempts, null);
    }

    static MessageView of(OutboxMessage m, List<Attempt> attempts, SentCopy sentCopy) {
        boolean pending = m.status == MessageStatus.SCHEDULED || m.status == MessageStatus.QUEUED
                || m.status == MessageStatus.RETRYING;
        DeferredReason deferred = m.status == MessageStatus.SCHEDULED ? DeferredReason.SCHEDULED
                : m.status == MessageStatus.RETRYING && !m.held ? m.deferredReason : null;
        return new MessageView(m.id, m.status, m.messageId, m.transport, m.fromAddress, m.recipientStates(), m.subject,
                m.sizeBytes, m.held, m.bodyRemovedAt != null, m.createdAt, m.sendAt,
                pending && !m.held ? m.nextAttemptAt : null, deferred, m.finishedAt, m.lastError, attempts,
                m.fromRewritten == null ? null : new FromRewritten(m.fromRewritten, m.fromRewrittenAs), sentCopy);
    }
}
