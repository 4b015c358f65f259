package no.xsoffice.mail.organization;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtp.ServerFields;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

/** A write of the organisation's shared server. Read-only fields of the view may be sent back and are ignored. */
@Schema(name = "SmtpServerRequest")
@JsonIgnoreProperties({ "passwordSet", "credentialsValid", "credentialsFailedAt", "credentialsFailureReply", "warnings", "oauthAccount", "oauthScopes", "oauthState", "oauthConnectedAt",
        "updatedAt" })
public record SmtpServerRequest(
        @Schema(description = "A DNS name or IP address", examples = "smtp.firma.no") String host,
        @Schema(description = "1–65535; default from security: 465 for SSL_TLS, 587 for STARTTLS, 25 for NONE") Integer port,
        @Schema(description = "Default SSL_TLS on port 465, else STARTTLS") SmtpSecurity security,
        @Schema(description = "Sign in to the server; default true when a username is given") Boolean authentication,
        String username,
        @Schema(description = "Write-only. Left out: the stored password is kept (only while host, port and username stay"
                + " the same). null or empty: cleared.", type = SchemaType.STRING,
                nullable = true)
        JsonNode password,
        @Schema(description = "PASSWORD (default) or XOAUTH2: sign in with an OAuth access token instead of the password")
        AuthMethod authMethod,
        @Schema(description = "With XOAUTH2: microsoft (an organisation signs in app-only, which Google does not offer)",
                examples = "microsoft")
        String oauthProvider,
        @Schema(description = "With XOAUTH2 for an organisation: the Microsoft 365 tenant (id or domain) for app-only sign-in")
        String oauthTenant,
        @Schema(description = ServerFields.LIMITS_WRITE, ref = "SendingLimits")
        JsonNode limits) {

    ServerFields server() {
        return new ServerFields(host, port, security, authentication, username, ServerFields.password(password),
                authMethod, oauthProvider, oauthTenant);
    }
}
