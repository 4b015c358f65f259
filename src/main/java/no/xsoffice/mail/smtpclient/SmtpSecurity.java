package no.xsoffice.mail.smtpclient;

/** How the connection to an SMTP server is protected. */
public enum SmtpSecurity {
    /** Plain text; only for trusted networks. */
    NONE(25),
    /** Plain connection upgraded with STARTTLS, which is required: never a silent fallback to plain text. */
    STARTTLS(587),
    /** TLS from the first byte (implicit TLS, "SMTPS"). */
    SSL_TLS(465);

    public final int defaultPort;

    SmtpSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }
}
