package no.xsoffice.mail.send;

/** Where one envelope recipient of a message is. */
public enum RecipientStatus {
    /** Not answered by the server yet. */
    PENDING,
    /** The server took the message for this recipient. */
    ACCEPTED,
    /** Refused for now (4xx, or a provider's temporary limit); tried again for this recipient alone. */
    RETRYING,
    /** Refused for good (5xx), or not delivered within the maximum age. */
    REFUSED,
    /** Accepted, then returned: a delivery status notification (RFC 3464) said it failed; the reply is its status and diagnostic. */
    BOUNCED,
    /**
     * Not tried: the address is on the organisation's suppression list (relay and organisation-server mail); the reply
     * names the list's reason.
     */
    SUPPRESSED,
    /** Accepted, then reported as unwanted by the recipient (a feedback report, RFC 5965); the address is suppressed. */
    COMPLAINED
}
