package no.xsoffice.mail.smtp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.smtpclient.SmtpSecurity;

/** The IMAP server of a user's mailbox, where the copy in the Sent folder is filed. */
@Schema(name = "ImapServer", additionalProperties = Schema.False.class)
public record ImapServer(
        @Schema(description = "A DNS name or IP address", examples = "imap.mail.me.com", maxLength = 253)
        @NotBlank(message = "is required when imap is given") @HostName String host,
        @Schema(description = "Default 993 for SSL_TLS, 143 for STARTTLS", examples = "993")
        @Min(value = 1, message = SmtpProfileRequest.PORT_RANGE) @Max(value = 65535, message = SmtpProfileRequest.PORT_RANGE)
        Integer port,
        @Schema(description = "SSL_TLS (implicit TLS, imaps; the default) or STARTTLS (required, never a plain fallback)",
                enumeration = { "SSL_TLS", "STARTTLS" })
        SmtpSecurity security) {

    /** The default port of a security mode: 993 for implicit TLS, else 143. */
    static int defaultPort(SmtpSecurity security) {
        return security == SmtpSecurity.STARTTLS ? 143 : 993;
    }
}
