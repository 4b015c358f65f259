package no.xsoffice.mail.send;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import no.xsoffice.mail.smtpclient.SmtpReply;

/**
 * One attempt's answers merged into the recipients' outcomes, recipient by recipient: a recipient the server
 * accepted takes its reply to the message (with its queue id), a refused one its own reply; refusals for now
 * wait for the next attempt, which goes to them alone. Pure: the outbox records the result.
 */
final class RecipientOutcomes {

    private RecipientOutcomes() {
    }

    /** The outcomes after this attempt; recipients it did not reach stay as they were. */
    static List<Recipient> merge(List<Recipient> before, DeliveryResult result, Instant now) {
        List<Recipient> after = new ArrayList<>();
        for (Recipient recipient : before) {
            after.add(recipient.waiting() ? answer(recipient, result, now) : recipient);
        }
        return after;
    }

    /** The waiting recipients given up on: refused with {@code why}. */
    static List<Recipient> giveUp(List<Recipient> before, String why, Instant now) {
        return before.stream()
                .map(r -> r.waiting() ? new Recipient(r.address(), RecipientStatus.REFUSED, why, now) : r)
                .toList();
    }

    static boolean anyWaiting(List<Recipient> recipients) {
        return recipients.stream().anyMatch(Recipient::waiting);
    }

    static boolean anyAccepted(List<Recipient> recipients) {
        return recipients.stream().anyMatch(r -> r.status() == RecipientStatus.ACCEPTED);
    }

    static long count(List<Recipient> recipients, RecipientStatus status) {
        return recipients.stream().filter(r -> r.status() == status).count();
    }

    /**
     * Whether the server took the message and asked for the recipients it left waiting in a further transaction
     * (452 too many recipients, RFC 5321 4.5.3.1.10): they are sent at once, not after the backoff.
     */
    static boolean furtherTransaction(DeliveryResult result) {
        if (result.kind() != DeliveryResult.Kind.ANSWERED || result.meaning() != ReplyMeaning.ACCEPTED) {
            return false;
        }
        List<SmtpReply> refused = replies(result).values().stream().filter(r -> !r.positive()).toList();
        return !refused.isEmpty() && refused.stream().allMatch(RecipientOutcomes::tooManyRecipients);
    }

    private static boolean tooManyRecipients(SmtpReply reply) {
        return reply.code() == 452 && (TOO_MANY_RECIPIENTS.matcher(reply.text()).find()
                || reply.text().toLowerCase(Locale.ROOT).contains("too many recipients"));
    }

    private static final Pattern TOO_MANY_RECIPIENTS = Pattern.compile("^452[ -]4\\.5\\.3");

    /** Why the waiting recipients of this attempt wait: the most lasting reason among their replies. */
    static ReplyMeaning waitingMeaning(DeliveryResult result) {
        ReplyMeaning strongest = ReplyMeaning.RETRY;
        for (SmtpReply reply : replies(result).values()) {
            ReplyMeaning meaning = meaningFor(reply, result);
            if (meaning == ReplyMeaning.CREDENTIALS) {
                return meaning;
            }
            if (LASTING.indexOf(meaning) > LASTING.indexOf(strongest)) {
                strongest = meaning;
            }
        }
        return strongest;
    }

    /** Reasons to wait, from the shortest to the most lasting. */
    private static final List<ReplyMeaning> LASTING = List.of(ReplyMeaning.RETRY, ReplyMeaning.RATE,
            ReplyMeaning.CONNECTIONS, ReplyMeaning.QUOTA);

    private static Recipient answer(Recipient recipient, DeliveryResult result, Instant now) {
        if (result.kind() == DeliveryResult.Kind.LOGGED) {
            return new Recipient(recipient.address(), RecipientStatus.ACCEPTED, result.reply(), now);
        }
        SmtpReply reply = replies(result).get(recipient.address());
        if (reply == null) {
            return recipient;
        }
        ReplyMeaning meaning = meaningFor(reply, result);
        String text = reply.positive() ? result.reply() : DeliveryResult.sanitize(reply.text());
        RecipientStatus status = meaning == ReplyMeaning.ACCEPTED ? RecipientStatus.ACCEPTED
                : meaning == ReplyMeaning.REFUSED ? RecipientStatus.REFUSED : RecipientStatus.RETRYING;
        return new Recipient(recipient.address(), status, text, now);
    }

    /** A recipient the server accepted shares the fate of the message; a refused one has its own. */
    private static ReplyMeaning meaningFor(SmtpReply recipient, DeliveryResult result) {
        if (recipient.positive()) {
            return result.meaning() == null ? ReplyMeaning.RETRY : result.meaning();
        }
        return ReplyMeaning.of(recipient.code(), recipient.text());
    }

    private static Map<String, SmtpReply> replies(DeliveryResult result) {
        return result.recipients() == null ? Map.of() : result.recipients();
    }
}
