package no.xsoffice.mail.smtp;

import no.xsoffice.mail.smtpclient.SmtpSecurity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The IMAP server of a user's mailbox, where the copy in the Sent folder is filed. */
@Schema(name = "ImapServer")
public record ImapServer(
        @Schema(description = "A DNS name or IP address", examples = "imap.mail.me.com") String host,
        @Schema(description = "1–65535; default 993 for SSL_TLS, 143 for STARTTLS", examples = "993") Integer port,
        @Schema(description = "SSL_TLS (implicit TLS, imaps; the default) or STARTTLS (required, never a plain fallback)")
        SmtpSecurity security) {

    /** The default port of a security mode: 993 for implicit TLS, else 143. */
    static int defaultPort(SmtpSecurity security) {
        return security == SmtpSecurity.STARTTLS ? 143 : 993;
    }
}
