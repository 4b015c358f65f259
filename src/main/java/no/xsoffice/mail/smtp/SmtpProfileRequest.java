package no.xsoffice.mail.smtp;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A write of a user's SMTP profile. Read-only fields of the view may be sent back and are ignored. */
@Schema(name = "SmtpProfileRequest")
@JsonIgnoreProperties(value = { "passwordSet", "credentialsValid", "credentialsFailedAt", "credentialsFailureReply",
        "warnings", "oauthAccount", "oauthScopes", "oauthState", "oauthConnectedAt", "providerWarning", "updatedAt" },
        allowGetters = false)
public record SmtpProfileRequest(
        @Schema(description = "Use the organisation's shared server; the fields below are kept but ignored (default false)")
        Boolean useSharedServer,
        @Schema(description = "Provider template (GET /api/v1/provider-templates); fills in the host, port and security the request leaves out", examples = "gmail")
        String templateId,
        @Schema(description = "SMTP server: a DNS name or IP address; required unless useSharedServer", examples = "smtp.gmail.com")
        String host,
        @Schema(description = "1–65535; default from security: 465 for SSL_TLS, 587 for STARTTLS, 25 for NONE", examples = "587")
        Integer port,
        @Schema(description = "Default SSL_TLS on port 465, else STARTTLS")
        SmtpSecurity security,
        @Schema(description = "Sign in to the server; default true when a username is given")
        Boolean authentication,
        @Schema(description = "Usually the e-mail address", examples = "kari@gmail.com")
        String username,
        @Schema(description = "Write-only. Left out: the stored password is kept (only while host, port and username stay"
                + " the same). null or empty: cleared.", type = SchemaType.STRING, nullable = true,
                examples = "app-password")
        JsonNode password,
        @Schema(description = "PASSWORD (default) or XOAUTH2: sign in with an OAuth access token instead of the password")
        AuthMethod authMethod,
        @Schema(description = "With XOAUTH2: google or microsoft", examples = "microsoft")
        String oauthProvider,
        @Schema(description = "With XOAUTH2 for an organisation: the Microsoft 365 tenant (id or domain) for app-only sign-in")
        String oauthTenant,
        @Schema(description = ServerFields.LIMITS_WRITE, ref = "SendingLimits")
        JsonNode limits,
        @Schema(description = "Also file mail sent through this server in the mailbox's Sent folder over IMAP: AUTO"
                + " (default: yes when the IMAP server is known, except for providers that file SMTP submissions"
                + " themselves: Gmail, Google Workspace, Microsoft 365, Outlook.com), ALWAYS or NEVER")
        SentCopyMode sentCopy,
        @Schema(description = "The mailbox's IMAP server {host, port, security} for the copy in the Sent folder; left"
                + " out or null: the provider template's (by templateId), else none. security SSL_TLS (default, port"
                + " 993) or STARTTLS (port 143); host and port pass the same checks as the SMTP server's. An unknown"
                + " field inside is a 400 naming it.", ref = "ImapServer")
        JsonNode imap) {

    ServerFields server() {
        return new ServerFields(host, port, security, authentication, username, ServerFields.password(password),
                authMethod, oauthProvider, oauthTenant);
    }
}
