package no.xsoffice.mail.smtp;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.template.ProviderTemplate;

/** A user's SMTP profile as clients see it: the password is never part of it, only whether one is set. */
@Schema(name = "SmtpProfile")
public record SmtpProfileView(
        boolean useSharedServer,
        @Schema(description = "The provider template the settings came from; null for none", nullable = true, examples = "gmail") String templateId,
        @Schema(description = "A DNS name or IP literal; null when none is set", nullable = true, examples = "smtp.gmail.com") String host,
        @Schema(nullable = true, minimum = "1", maximum = "65535", examples = "587") Integer port,
        @Schema(nullable = true) SmtpSecurity security,
        boolean authentication,
        @Schema(nullable = true, examples = "kari@gmail.com") String username,
        @Schema(description = "Whether a password is stored; the password itself is never returned")
        boolean passwordSet,
        @Schema(description = "False after the server refused the credentials (535); the user's mail is held until the profile is saved again")
        boolean credentialsValid,
        @Schema(description = "When the server refused the credentials; null while they are valid", nullable = true) Instant credentialsFailedAt,
        @Schema(description = "The server's refusal, when credentialsValid is false; else null", nullable = true)
        String credentialsFailureReply,
        @Schema(description = "Settings that work but are probably not what the server expects; while the profile is in"
                + " use (useSharedServer false), also the warning of the provider template templateId names. In"
                + " English, as the other warnings: this answer is the same whatever Accept-Language says, so that it"
                + " can be held and tagged per user; providerWarning has it in Norwegian too")
        List<String> warnings,
        @Schema(description = "How it signs in: PASSWORD or XOAUTH2") AuthMethod authMethod,
        @Schema(description = "With XOAUTH2: google or microsoft; else null", nullable = true) OAuthProvider oauthProvider,
        @Schema(description = "The account the consent was given with", nullable = true, readOnly = true) String oauthAccount,
        @Schema(description = "The scopes the provider granted", nullable = true, readOnly = true) String oauthScopes,
        @Schema(description = "With XOAUTH2: NOT_CONNECTED (consent missing), CONNECTED, APP_ONLY (organisation, client"
                + " credentials) or REFUSED (consent expired or withdrawn: mail is held until a new consent); null with"
                + " PASSWORD", type = SchemaType.STRING, enumeration = { "NOT_CONNECTED", "CONNECTED", "APP_ONLY", "REFUSED" },
                nullable = true, readOnly = true)
        String oauthState,
        @Schema(description = "When the consent was given", nullable = true, readOnly = true) Instant oauthConnectedAt,
        @Schema(description = ServerFields.LIMITS_READ) SendingLimits limits,
        @Schema(description = "The provider template's warning about this use of its server, in Norwegian (nb) and"
                + " English (en), while the profile is in use; null when the template has none (Domeneshop: its SMTP"
                + " server is for personal mail programs and allows no automated sending)", nullable = true)
        ProviderTemplate.Text providerWarning,
        @Schema(description = "AUTO, ALWAYS or NEVER: whether sent mail is also filed in the mailbox's Sent folder")
        SentCopyMode sentCopy,
        @Schema(description = "The mailbox's IMAP server for that copy; null when none is known", nullable = true)
        ImapServer imap,
        @Schema(description = "When the profile was last saved; null when the user never saved one", nullable = true)
        Instant updatedAt) {

    /** A user who never saved a profile uses the shared server. */
    static final SmtpProfileView NONE = new SmtpProfileView(true, null, null, null, null, false, null, false, true,
            null, null, List.of(), AuthMethod.PASSWORD, null, null, null, null, null, SendingLimits.NONE, null, SentCopyMode.AUTO, null, null);

    /** The view of a saved profile; {@code templateWarning}: the warning of its template, null when it has none. */
    static SmtpProfileView of(SmtpProfile p, ProviderTemplate.Text templateWarning) {
        SmtpSettings s = p.server;
        List<String> warnings = s.warnings();
        ProviderTemplate.Text providerWarning = p.useSharedServer ? null : templateWarning;
        if (providerWarning != null) {
            warnings.add(providerWarning.en());
        }
        return new SmtpProfileView(p.useSharedServer, p.templateId, s.host, s.port, s.security, s.authentication,
                s.username, s.passwordSet(), s.credentialsValid, s.credentialsFailedAt, s.credentialsFailureReply,
                warnings, s.authMethod, s.oauthProvider, s.oauthAccount, s.oauthScopes, s.oauthState(false),
                s.oauthConnectedAt, s.limits(), providerWarning, p.sentCopy, p.imap(), p.updatedAt);
    }
}
