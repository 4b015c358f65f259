package no.xsoffice.mail.transport;

/** Whose server a message leaves through. */
public enum TransportKind {
    /** The user's own SMTP server. */
    USER,
    /** The organisation's shared server. */
    ORGANIZATION,
    /** XS Office's own relay, the last resort. */
    SYSTEM
}
