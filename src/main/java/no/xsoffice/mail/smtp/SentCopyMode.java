package no.xsoffice.mail.smtp;

/** Whether mail sent through the user's own server is also filed in that mailbox's Sent folder over IMAP. */
public enum SentCopyMode {
    /** Yes when the IMAP server is known, except for providers that file SMTP submissions themselves (the default). */
    AUTO,
    /** Yes, whatever the provider does (it may then show the message twice). */
    ALWAYS,
    /** Never. */
    NEVER
}
