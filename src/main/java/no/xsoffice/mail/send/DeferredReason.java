package no.xsoffice.mail.send;

/** Why a message waits for its next attempt. */
public enum DeferredReason {
    /** A temporary failure; tried again with backoff. */
    RETRY,
    /** A provider's sending quota (a daily limit); tried again once it may have room. */
    QUOTA,
    /** A provider's rate limit. */
    RATE,
    /** The server had too many connections from this service at once. */
    CONNECTIONS,
    /** Scheduled by its sender ({@code sendAt}). */
    SCHEDULED;

    static DeferredReason of(ReplyMeaning meaning) {
        return switch (meaning == null ? ReplyMeaning.RETRY : meaning) {
            case QUOTA -> QUOTA;
            case RATE -> RATE;
            case CONNECTIONS -> CONNECTIONS;
            default -> RETRY;
        };
    }
}
