package no.xsoffice.mail.transport;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

/** XS Office's own SMTP relay, used when neither the user nor the organisation has a server. */
@ConfigMapping(prefix = "mail.system.smtp")
public interface SystemRelayConfig {

    /** The relay's host; unset: no relay ({@code MAIL_SYSTEM_SMTP_HOST}). */
    Optional<String> host();

    /** The relay's port ({@code MAIL_SYSTEM_SMTP_PORT}). */
    @WithDefault("587")
    int port();

    /** NONE, STARTTLS or SSL_TLS ({@code MAIL_SYSTEM_SMTP_SECURITY}). */
    @WithDefault("STARTTLS")
    SmtpSecurity security();

    /** Username on the relay, if it wants one ({@code MAIL_SYSTEM_SMTP_USERNAME}). */
    Optional<String> username();

    /** Password on the relay ({@code MAIL_SYSTEM_SMTP_PASSWORD}). */
    Optional<String> password();

    /**
     * Connections to the relay at once ({@code MAIL_SYSTEM_SMTP_CONNECTIONS}); XS Office's relay takes all users'
     * mail, so it gets more than the 4 a user's or organisation's server gets unless its limits say otherwise.
     */
    @WithDefault("20")
    int connections();

    /** Envelope sender (bounce address) for mail through the relay; the From header stays the user's ({@code MAIL_SYSTEM_SMTP_FROM}). */
    Optional<String> from();
}
