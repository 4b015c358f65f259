package no.xsoffice.mail.smtp;

import java.util.Optional;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

/**
 * The server part of a settings write, as both requests carry it: a user's profile and an organisation's server.
 * {@code password}: {@code null} when left out (keep the stored one), empty when sent as {@code null} (clear it).
 */
public interface ServerRequest {

    String host();

    Integer port();

    SmtpSecurity security();

    Boolean authentication();

    String username();

    Optional<String> password();

    AuthMethod authMethod();

    OAuthProvider oauthProvider();

    String oauthTenant();

    SendingLimits limits();
}
