package no.xsoffice.mail.organization;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import no.xsoffice.mail.address.NoControl;
import no.xsoffice.mail.smtp.HostName;
import no.xsoffice.mail.smtp.Hosts;
import no.xsoffice.mail.smtp.OAuthProvider;
import no.xsoffice.mail.smtp.SendingLimits;
import no.xsoffice.mail.smtp.ServerFields;
import no.xsoffice.mail.smtp.ServerRequest;
import no.xsoffice.mail.smtp.SmtpProfileRequest;
import no.xsoffice.mail.smtp.SmtpSettingsRules;
import no.xsoffice.mail.smtp.WriteOnlyPassword;
import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

/** A write of the organisation's shared server. Read-only fields of the view may be sent back and are ignored. */
@Schema(name = "SmtpServerRequest", additionalProperties = Schema.False.class, properties = {
        @SchemaProperty(name = "passwordSet", readOnly = true),
        @SchemaProperty(name = "credentialsValid", readOnly = true),
        @SchemaProperty(name = "credentialsFailedAt", readOnly = true),
        @SchemaProperty(name = "credentialsFailureReply", readOnly = true),
        @SchemaProperty(name = "warnings", readOnly = true),
        @SchemaProperty(name = "oauthAccount", readOnly = true),
        @SchemaProperty(name = "oauthScopes", readOnly = true),
        @SchemaProperty(name = "oauthState", readOnly = true),
        @SchemaProperty(name = "oauthConnectedAt", readOnly = true),
        @SchemaProperty(name = "updatedAt", readOnly = true) })
@JsonIgnoreProperties({ "passwordSet", "credentialsValid", "credentialsFailedAt", "credentialsFailureReply", "warnings",
        "oauthAccount", "oauthScopes", "oauthState", "oauthConnectedAt", "updatedAt" })
public record SmtpServerRequest(
        @Schema(description = "A DNS name or IP address", examples = "smtp.firma.no", maxLength = 253, pattern = Hosts.PATTERN)
        @NotBlank(message = "is required") @HostName String host,
        @Schema(description = "Default from security: 465 for SSL_TLS, 587 for STARTTLS, 25 for NONE")
        @Min(value = 1, message = SmtpProfileRequest.PORT_RANGE) @Max(value = 65535, message = SmtpProfileRequest.PORT_RANGE)
        Integer port,
        @Schema(description = "Default SSL_TLS on port 465, else STARTTLS") SmtpSecurity security,
        @Schema(description = "Sign in to the server; default true when a username is given") Boolean authentication,
        @Schema(description = "Required when authentication is on")
        @Size(max = SmtpSettingsRules.MAX_USERNAME, message = SmtpProfileRequest.USERNAME_LENGTH) @NoControl String username,
        @Schema(description = ServerFields.PASSWORD_WRITE, type = SchemaType.STRING, nullable = true, writeOnly = true,
                maxLength = SmtpSettingsRules.MAX_PASSWORD)
        @JsonDeserialize(using = WriteOnlyPassword.class)
        Optional<@Size(max = SmtpSettingsRules.MAX_PASSWORD, message = SmtpProfileRequest.PASSWORD_LENGTH)
                @Pattern(regexp = "^[^\\x00]*$", message = "must not contain NUL") String> password,
        @Schema(description = "PASSWORD (default) or XOAUTH2: sign in with an OAuth access token instead of the password")
        AuthMethod authMethod,
        @Schema(description = "With XOAUTH2 (and then required): microsoft (an organisation signs in app-only, which"
                + " Google does not offer)")
        OAuthProvider oauthProvider,
        @Schema(description = "With XOAUTH2 for an organisation: the Microsoft 365 tenant (id or domain) for app-only sign-in")
        @Pattern(regexp = SmtpProfileRequest.TENANT, message = SmtpProfileRequest.TENANT_MESSAGE) String oauthTenant,
        @Schema(description = ServerFields.LIMITS_WRITE, nullable = true)
        @Valid SendingLimits limits) implements ServerRequest {
}
