package no.xsoffice.mail.suppression;

/** Why an address is on an organisation's suppression list. */
public enum SuppressionReason {
    /** A delivery status notification said failed with a lasting 5.x.x status (not mailbox full, not too big). */
    HARD_BOUNCE,
    /** Soft bounces (4.x.x, 5.2.2) reached MAIL_SUPPRESSION_SOFT_BOUNCES within the window; lasts MAIL_SUPPRESSION_SOFT_EXPIRY. */
    SOFT_BOUNCE,
    /** The recipient reported a message as unwanted (a feedback report, RFC 5965). */
    COMPLAINT,
    /** The recipient unsubscribed with the one-click link of a bulk message (RFC 8058). */
    UNSUBSCRIBE,
    /** An organisation administrator put it there. */
    MANUAL
}
