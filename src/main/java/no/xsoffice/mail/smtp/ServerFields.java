package no.xsoffice.mail.smtp;

import com.fasterxml.jackson.databind.JsonNode;

import no.xsoffice.mail.problem.ProblemException;

/**
 * The server part of a settings write, shared by personal profiles and organisation servers.
 * {@code password}: {@code null} when the request left it out (keep the stored one),
 * empty when the request sent {@code null} or {@code ""} (clear it).
 */
public record ServerFields(String host, Integer port, SmtpSecurity security, Boolean authentication,
        String username, String password, AuthMethod authMethod, String oauthProvider, String oauthTenant) {

    public ServerFields(String host, Integer port, SmtpSecurity security, Boolean authentication, String username,
            String password) {
        this(host, port, security, authentication, username, password, null, null, null);
    }

    /** Reads a write-only password field: left out, {@code null}, or a string. */
    public static String password(JsonNode field) {
        if (field == null) {
            return null;
        }
        if (field.isNull()) {
            return "";
        }
        if (!field.isTextual()) {
            throw ProblemException.invalid("password", "must be a string, or null to clear it");
        }
        return field.textValue();
    }
}
