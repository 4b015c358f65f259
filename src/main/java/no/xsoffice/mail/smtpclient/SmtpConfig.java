package no.xsoffice.mail.smtpclient;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How this service presents itself to SMTP servers. */
@ConfigMapping(prefix = "mail.smtp")
public interface SmtpConfig {

    /** The name sent in EHLO ({@code MAIL_SMTP_EHLO_NAME}); default the machine's fully qualified name, never localhost. */
    Optional<String> ehloName();
}
