package no.xsoffice.mail.organization;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtp.OAuthProvider;
import no.xsoffice.mail.smtp.SendingLimits;
import no.xsoffice.mail.smtp.ServerFields;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.smtp.SmtpSettings;

/** The organisation's shared server as clients see it; the password is never part of it. */
@Schema(name = "SmtpServer")
public record SmtpServerView(
        String host,
        Integer port,
        SmtpSecurity security,
        boolean authentication,
        String username,
        @Schema(description = "Whether a password is stored; the password itself is never returned") boolean passwordSet,
        @Schema(description = "False after the server refused the credentials (535)") boolean credentialsValid,
        Instant credentialsFailedAt,
        String credentialsFailureReply,
        @Schema(description = "Settings that work but are probably not what the server expects") List<String> warnings,
        @Schema(description = "PASSWORD or XOAUTH2") AuthMethod authMethod,
        @Schema(description = "With XOAUTH2: google or microsoft") OAuthProvider oauthProvider,
        @Schema(description = "The account the consent was given with (read-only)") String oauthAccount,
        @Schema(description = "Microsoft 365 tenant of the app-only sign-in") String oauthTenant,
        @Schema(description = "The scopes the provider granted (read-only)") String oauthScopes,
        @Schema(description = "With XOAUTH2: NOT_CONNECTED (consent missing), CONNECTED, APP_ONLY (organisation, client credentials) or REFUSED (consent expired or withdrawn: mail is held until a new consent)")
        String oauthState,
        Instant oauthConnectedAt,
        @Schema(description = ServerFields.LIMITS_READ) SendingLimits limits,
        Instant updatedAt) {

    static SmtpServerView of(OrganizationSmtpServer o) {
        SmtpSettings s = o.server;
        return new SmtpServerView(s.host, s.port, s.security, s.authentication, s.username, s.passwordSet(),
                s.credentialsValid, s.credentialsFailedAt, s.credentialsFailureReply, s.warnings(), s.authMethod, s.oauthProvider, s.oauthAccount, s.oauthTenant, s.oauthScopes,
                s.oauthState(true), s.oauthConnectedAt, s.limits(), o.updatedAt);
    }
}
