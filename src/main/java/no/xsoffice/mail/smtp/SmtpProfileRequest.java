package no.xsoffice.mail.smtp;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import no.xsoffice.mail.address.NoControl;
import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

/** A write of a user's SMTP profile. Read-only fields of the view may be sent back and are ignored. */
@Schema(name = "SmtpProfileRequest", additionalProperties = Schema.False.class, properties = {
        @SchemaProperty(name = "passwordSet", readOnly = true),
        @SchemaProperty(name = "credentialsValid", readOnly = true),
        @SchemaProperty(name = "credentialsFailedAt", readOnly = true),
        @SchemaProperty(name = "credentialsFailureReply", readOnly = true),
        @SchemaProperty(name = "warnings", readOnly = true),
        @SchemaProperty(name = "oauthAccount", readOnly = true),
        @SchemaProperty(name = "oauthScopes", readOnly = true),
        @SchemaProperty(name = "oauthState", readOnly = true),
        @SchemaProperty(name = "oauthConnectedAt", readOnly = true),
        @SchemaProperty(name = "providerWarning", readOnly = true),
        @SchemaProperty(name = "updatedAt", readOnly = true) })
@JsonIgnoreProperties(value = { "passwordSet", "credentialsValid", "credentialsFailedAt", "credentialsFailureReply",
        "warnings", "oauthAccount", "oauthScopes", "oauthState", "oauthConnectedAt", "providerWarning", "updatedAt" },
        allowGetters = false)
public record SmtpProfileRequest(
        @Schema(description = "Use the organisation's shared server (default false). Sent alone (no other field), only"
                + " this switch changes: the personal server, its password, limits and Sent-folder settings are kept"
                + " as stored, for when it is turned off again; sent with other fields, those are saved as well, and"
                + " kept but ignored while the shared server is used")
        Boolean useSharedServer,
        @Schema(description = "Provider template (GET /api/v1/provider-templates); fills in the host, port and security the request leaves out", examples = "gmail")
        String templateId,
        @Schema(description = "SMTP server: a DNS name or IP address; required unless useSharedServer",
                examples = "smtp.gmail.com", maxLength = 253, pattern = Hosts.PATTERN_OR_EMPTY)
        @HostName String host,
        @Schema(description = "Default from security: 465 for SSL_TLS, 587 for STARTTLS, 25 for NONE", examples = "587")
        @Min(value = 1, message = PORT_RANGE) @Max(value = 65535, message = PORT_RANGE) Integer port,
        @Schema(description = "Default SSL_TLS on port 465, else STARTTLS")
        SmtpSecurity security,
        @Schema(description = "Sign in to the server; default true when a username is given")
        Boolean authentication,
        @Schema(description = "Usually the e-mail address; required when authentication is on", examples = "kari@gmail.com")
        @Size(max = SmtpSettingsRules.MAX_USERNAME, message = USERNAME_LENGTH) @NoControl String username,
        @Schema(description = ServerFields.PASSWORD_WRITE, type = SchemaType.STRING, nullable = true, writeOnly = true,
                maxLength = SmtpSettingsRules.MAX_PASSWORD, examples = "app-password")
        @JsonDeserialize(using = WriteOnlyPassword.class)
        Optional<@Size(max = SmtpSettingsRules.MAX_PASSWORD, message = PASSWORD_LENGTH)
                @Pattern(regexp = "^[^\\x00]*$", message = "must not contain NUL") String> password,
        @Schema(description = "PASSWORD (default) or XOAUTH2: sign in with an OAuth access token instead of the password")
        AuthMethod authMethod,
        @Schema(description = "With XOAUTH2 (and then required): google or microsoft")
        OAuthProvider oauthProvider,
        @Schema(description = "With XOAUTH2 for an organisation: the Microsoft 365 tenant (id or domain) for app-only sign-in")
        @Pattern(regexp = TENANT, message = TENANT_MESSAGE) String oauthTenant,
        @Schema(description = ServerFields.LIMITS_WRITE, nullable = true)
        @Valid SendingLimits limits,
        @Schema(description = "Also file mail sent through this server in the mailbox's Sent folder over IMAP: AUTO"
                + " (default: yes when the IMAP server is known, except for providers that file SMTP submissions"
                + " themselves: Gmail, Google Workspace, Microsoft 365, Outlook.com), ALWAYS or NEVER")
        SentCopyMode sentCopy,
        @Schema(description = "The mailbox's IMAP server {host, port, security} for the copy in the Sent folder; left"
                + " out or null: the provider template's (by templateId), else none. security SSL_TLS (default, port"
                + " 993) or STARTTLS (port 143); host and port pass the same checks as the SMTP server's. An unknown"
                + " field inside is a 400 naming it.", nullable = true)
        @Valid ImapServer imap) implements ServerRequest {

    public static final String PORT_RANGE = "must be between 1 and 65535";
    public static final String USERNAME_LENGTH = "must be at most " + SmtpSettingsRules.MAX_USERNAME + " characters";
    public static final String PASSWORD_LENGTH = "must be at most " + SmtpSettingsRules.MAX_PASSWORD + " characters";
    public static final String TENANT = "^[A-Za-z0-9.-]{1,100}$";
    public static final String TENANT_MESSAGE = "must be a tenant id or domain";

    /** Whether the request is the shared-server switch alone, which changes nothing else. */
    boolean onlyUseSharedServer() {
        return Boolean.TRUE.equals(useSharedServer) && templateId == null && !ServerFields.of(this).any()
                && limits == null && sentCopy == null && imap == null;
    }
}
