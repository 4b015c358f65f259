package no.xsoffice.mail.diagnostics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.address.Mailbox;
import no.xsoffice.mail.address.NoControl;
import no.xsoffice.mail.smtp.HostName;
import no.xsoffice.mail.smtp.Hosts;
import no.xsoffice.mail.smtp.SmtpProfileRequest;
import no.xsoffice.mail.smtp.SmtpSettingsRules;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

/**
 * What a connection test tries: each server field left out is taken from the saved settings, so an
 * empty body tests those. Read-only fields of the settings view may be sent along and are ignored.
 */
@Schema(name = "ConnectionTestRequest", additionalProperties = Schema.False.class, properties = {
        @SchemaProperty(name = "useSharedServer", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "templateId", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "passwordSet", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "credentialsValid", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "credentialsFailedAt", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "credentialsFailureReply", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "warnings", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "oauthProvider", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "oauthTenant", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "oauthAccount", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "oauthScopes", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "oauthState", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "oauthConnectedAt", readOnly = true, description = ConnectionTestRequest.IGNORED),
        @SchemaProperty(name = "updatedAt", readOnly = true, description = ConnectionTestRequest.IGNORED) })
@JsonIgnoreProperties({ "useSharedServer", "templateId", "passwordSet", "credentialsValid", "credentialsFailedAt",
        "credentialsFailureReply", "warnings", "oauthProvider", "oauthTenant", "oauthAccount", "oauthScopes",
        "oauthState", "oauthConnectedAt", "updatedAt" })
public record ConnectionTestRequest(
        @Schema(description = "SMTP server; default the saved one", examples = "smtp.gmail.com", maxLength = 253, pattern = Hosts.PATTERN_OR_EMPTY)
        @HostName String host,
        @Schema(description = "Default the saved one, else from security", examples = "587")
        @Min(value = 1, message = SmtpProfileRequest.PORT_RANGE) @Max(value = 65535, message = SmtpProfileRequest.PORT_RANGE)
        Integer port,
        @Schema(description = "Default the saved one, else SSL_TLS on port 465 and STARTTLS elsewhere") SmtpSecurity security,
        @Schema(description = "Default the saved one, else true when a username is given") Boolean authentication,
        @Schema(description = "Default the saved one", examples = "kari@gmail.com")
        @Size(max = SmtpSettingsRules.MAX_USERNAME, message = SmtpProfileRequest.USERNAME_LENGTH) @NoControl
        String username,
        @Schema(description = "Write-only. Left out: the stored password, but only while host, port and username are the"
                + " saved ones", writeOnly = true, examples = "app-password")
        @Size(max = SmtpSettingsRules.MAX_PASSWORD, message = SmtpProfileRequest.PASSWORD_LENGTH)
        @Pattern(regexp = "^[^\\x00]*$", message = "must not contain NUL") String password,
        @Schema(description = "PASSWORD or XOAUTH2; default the saved one. XOAUTH2 tests the saved OAuth sign-in (the"
                + " user's consent, or the organisation's app-only sign-in) on the saved server and account; the AUTH"
                + " stage then reports the sign-in's state")
        AuthMethod authMethod,
        @Schema(description = "The From address to test; default the username when it is an address, else the"
                + " user's own address", format = "email", examples = "kari@gmail.com",
                pattern = MailAddress.PLAIN_OR_BLANK_PATTERN)
        @NoControl(message = ADDRESS) @Mailbox(plain = true, message = ADDRESS) String from,
        @Schema(description = "Send one real test mail to this address; left out: a dry run that stops at DATA and"
                + " sends nothing", format = "email", examples = "kari@firma.no",
                pattern = MailAddress.PLAIN_OR_BLANK_PATTERN)
        @NoControl(message = ADDRESS) @Mailbox(plain = true, message = ADDRESS) String sendTo) {

    static final String IGNORED = "Read-only: ignored when sent along";
    static final String ADDRESS = "must be a valid e-mail address";

    /** No body: test the saved settings, dry. */
    static final ConnectionTestRequest EMPTY = new ConnectionTestRequest(null, null, null, null, null, null, null, null, null);

    @Override
    public String toString() {
        return "ConnectionTestRequest[" + host + ":" + port + " " + security + "]";
    }
}
