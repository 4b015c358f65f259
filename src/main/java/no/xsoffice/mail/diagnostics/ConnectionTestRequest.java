package no.xsoffice.mail.diagnostics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

/**
 * What a connection test tries: each server field left out is taken from the saved settings, so an
 * empty body tests those. Read-only fields of the settings view may be sent along and are ignored.
 */
@Schema(name = "ConnectionTestRequest")
@JsonIgnoreProperties({ "useSharedServer", "templateId", "passwordSet", "credentialsValid", "credentialsFailedAt",
        "credentialsFailureReply", "warnings", "oauthProvider", "oauthTenant", "oauthAccount", "oauthScopes",
        "oauthState", "oauthConnectedAt", "updatedAt" })
public record ConnectionTestRequest(
        @Schema(description = "SMTP server; default the saved one", examples = "smtp.gmail.com") String host,
        @Schema(description = "1–65535; default the saved one, else from security", examples = "587") Integer port,
        @Schema(description = "Default the saved one, else SSL_TLS on port 465 and STARTTLS elsewhere") SmtpSecurity security,
        @Schema(description = "Default the saved one, else true when a username is given") Boolean authentication,
        @Schema(description = "Default the saved one", examples = "kari@gmail.com") String username,
        @Schema(description = "Write-only. Left out: the stored password, but only while host, port and username are the"
                + " saved ones", writeOnly = true, examples = "app-password")
        String password,
        @Schema(description = "PASSWORD or XOAUTH2; default the saved one. XOAUTH2 tests the saved OAuth sign-in (the"
                + " user's consent, or the organisation's app-only sign-in) on the saved server and account; the AUTH"
                + " stage then reports the sign-in's state")
        AuthMethod authMethod,
        @Schema(description = "The From address to test; default the username when it is an address, else the"
                + " user's own address", examples = "kari@gmail.com")
        String from,
        @Schema(description = "Send one real test mail to this address; left out: a dry run that stops at DATA and"
                + " sends nothing", examples = "kari@firma.no")
        String sendTo) {

    /** No body: test the saved settings, dry. */
    static final ConnectionTestRequest EMPTY = new ConnectionTestRequest(null, null, null, null, null, null, null, null, null);

    @Override
    public String toString() {
        return "ConnectionTestRequest[" + host + ":" + port + " " + security + "]";
    }
}
