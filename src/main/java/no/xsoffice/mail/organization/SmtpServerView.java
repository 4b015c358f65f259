package no.xsoffice.mail.organization;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
        @Schema(description = "A DNS name or IP literal", examples = "smtp.firma.no") String host,
        @Schema(minimum = "1", maximum = "65535", examples = "587") Integer port,
        SmtpSecurity security,
        boolean authentication,
        @Schema(nullable = true, examples = "kari@gmail.com") String username,
        @Schema(description = "Whether a password is stored; the password itself is never returned") boolean passwordSet,
        @Schema(description = "False after the server refused the credentials (535)") boolean credentialsValid,
        @Schema(description = "When the server refused the credentials; null while they are valid", nullable = true) Instant credentialsFailedAt,
        @Schema(description = "The server's refusal, when credentialsValid is false; else null", nullable = true) String credentialsFailureReply,
        @Schema(description = "Settings that work but are probably not what the server expects") List<String> warnings,
        @Schema(description = "How it signs in: PASSWORD or XOAUTH2") AuthMethod authMethod,
        @Schema(description = "With XOAUTH2: google or microsoft; else null", nullable = true) OAuthProvider oauthProvider,
        @Schema(description = "The account the consent was given with", nullable = true, readOnly = true) String oauthAccount,
        @Schema(description = "Microsoft 365 tenant of the app-only sign-in; else null", nullable = true) String oauthTenant,
        @Schema(description = "The scopes the provider granted", nullable = true, readOnly = true) String oauthScopes,
        @Schema(description = "With XOAUTH2: NOT_CONNECTED (consent missing), CONNECTED, APP_ONLY (organisation, client"
                + " credentials) or REFUSED (consent expired or withdrawn: mail is held until a new consent); null with"
                + " PASSWORD", type = SchemaType.STRING, enumeration = { "NOT_CONNECTED", "CONNECTED", "APP_ONLY", "REFUSED" },
                nullable = true, readOnly = true)
        String oauthState,
        @Schema(description = "When the consent was given", nullable = true, readOnly = true) Instant oauthConnectedAt,
        @Schema(description = ServerFields.LIMITS_READ) SendingLimits limits,
        @Schema(description = "When the server was last saved") Instant updatedAt) {

    static SmtpServerView of(OrganizationSmtpServer o) {
        SmtpSettings s = o.server;
        return new SmtpServerView(s.host, s.port, s.security, s.authentication, s.username, s.passwordSet(),
                s.credentialsValid, s.credentialsFailedAt, s.credentialsFailureReply, s.warnings(), s.authMethod, s.oauthProvider, s.oauthAccount, s.oauthTenant, s.oauthScopes,
                s.oauthState(true), s.oauthConnectedAt, s.limits(), o.updatedAt);
    }
}
