package no.xsoffice.mail.send;

import java.time.Instant;
import java.util.Map;

import no.xsoffice.mail.smtpclient.SmtpReply;

/**
 * How one delivery attempt ended: the server's reply to the message (or the failure), and when the dialogue got as
 * far as the recipients, its reply to each of them. {@code meaning} says what a failure means: wait (and why),
 * hold the credentials, or give up.
 */
record DeliveryResult(Kind kind, Integer replyCode, String reply, Map<String, SmtpReply> recipients,
        ReplyMeaning meaning, Instant until) {

    DeliveryResult(Kind kind, Integer replyCode, String reply, Map<String, SmtpReply> recipients, ReplyMeaning meaning) {
        this(kind, replyCode, reply, recipients, meaning, null);
    }

    enum Kind {
        /** The server answered each recipient, and the message if it accepted any of them. */
        ANSWERED,
        /**
         * The whole message went out and the server's reply to it never came: the recipients it accepted may have
         * a copy already; they are tried again on the normal schedule.
         */
        OUTCOME_UNKNOWN,
        /** The message was written to the log (dev, no relay): every recipient counts as accepted. */
        LOGGED,
        /** Connection, TLS, timeout or a temporary reply before the recipients: try again later. */
        TRANSIENT,
        /** Refused for good before the recipients (5xx), or a server that may not be used: give up. */
        PERMANENT,
        /** The server refused the credentials (535 and kin): hold the owner's mail until they are saved again. */
        CREDENTIALS_REFUSED,
        /** The credentials were already known to be refused: held without trying. */
        HELD,
        /** Not tried: the account's limits leave no room before {@code until}. */
        DEFERRED
    }

    private static final int MAX_REPLY = 500;

    /** Not tried: the server refused these credentials before, and the mail waits until they are saved again. */
    static final DeliveryResult HELD = new DeliveryResult(Kind.HELD, null,
            "Held: the server refused these credentials; saving the settings again releases the mail", null, null);

    /** Not tried now: the account has used what its limits allow until then. */
    static DeliveryResult deferred(boolean perDay, Instant until) {
        return new DeliveryResult(Kind.DEFERRED, null, perDay
                ? "Waiting: the account's recipients for the last 24 hours are used up (recipientsPerDay)"
                : "Waiting: the account's messages for this minute are used up (messagesPerMinute)", null,
                perDay ? ReplyMeaning.QUOTA : ReplyMeaning.RATE, until);
    }

    static DeliveryResult logged(String note) {
        return new DeliveryResult(Kind.LOGGED, 250, note, null, ReplyMeaning.ACCEPTED);
    }

    /**
     * The server's answers to the recipients, and its reply to the message ({@code data} null when none was
     * accepted: then the attempt carries the first recipient's refusal, which decided it).
     */
    static DeliveryResult answered(Map<String, SmtpReply> recipients, SmtpReply data) {
        if (data == null) {
            SmtpReply decided = recipients.values().stream().filter(r -> !r.positive()).findFirst().orElse(null);
            return new DeliveryResult(Kind.ANSWERED, decided == null ? null : decided.code(),
                    decided == null ? null : sanitize("RCPT TO: " + decided.text()), recipients, null);
        }
        return new DeliveryResult(Kind.ANSWERED, data.code(), sanitize(data.text()), recipients,
                ReplyMeaning.of(data.code(), data.text()));
    }

    /** No reply to the end of the data: the recipients the server accepted wait for a retry, marked unknown. */
    static DeliveryResult unknown(Map<String, SmtpReply> recipients, String why) {
        return new DeliveryResult(Kind.OUTCOME_UNKNOWN, null, sanitize(why), recipients, ReplyMeaning.RETRY);
    }

    static DeliveryResult of(Kind kind, Integer code, String reply) {
        return new DeliveryResult(kind, code, sanitize(reply), null,
                kind == Kind.TRANSIENT ? ReplyMeaning.RETRY : null);
    }

    /** A refusal before the recipients, by what its reply means; {@code shown} is how it is recorded. */
    static DeliveryResult failed(SmtpReply reply, String shown) {
        return failed(reply, ReplyMeaning.of(reply.code(), reply.text()), shown);
    }

    static DeliveryResult failed(SmtpReply reply, ReplyMeaning meaning, String shown) {
        Kind kind = meaning == ReplyMeaning.CREDENTIALS ? Kind.CREDENTIALS_REFUSED
                : meaning.waits() ? Kind.TRANSIENT : Kind.PERMANENT;
        return new DeliveryResult(kind, reply.code(), sanitize(shown), null, meaning);
    }

    /** A reply as it may be shown and stored: one line, printable, bounded. */
    static String sanitize(String text) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return line.length() > MAX_REPLY ? line.substring(0, MAX_REPLY) + "…" : line;
    }
}
