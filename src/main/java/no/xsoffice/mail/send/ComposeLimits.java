package no.xsoffice.mail.send;

/** How big a message a user may send: recipients, encoded size in bytes (as sent over SMTP), attachments. */
public record ComposeLimits(int maxRecipients, long maxBytes, int maxAttachments) {

    public static final ComposeLimits DEFAULTS = new ComposeLimits(100, 25L * 1024 * 1024, 20);
}
