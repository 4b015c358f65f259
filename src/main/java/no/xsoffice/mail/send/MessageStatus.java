package no.xsoffice.mail.send;

/** Where an accepted message is on its way out. */
public enum MessageStatus {
    /** Waiting for the time it was scheduled for ({@code sendAt}); it may still be cancelled. */
    SCHEDULED,
    /** Stored, waiting for a dispatcher. */
    QUEUED,
    /** Claimed by a dispatcher and being delivered. */
    SENDING,
    /** The server accepted it. */
    SENT,
    /** A transient failure (4xx, connection, TLS, timeout); it will be tried again. */
    RETRYING,
    /** Refused for good (5xx), or it kept failing until the maximum age. */
    FAILED,
    /** Cancelled by its sender before it was sent. */
    CANCELLED
}
