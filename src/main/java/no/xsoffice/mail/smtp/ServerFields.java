package no.xsoffice.mail.smtp;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import com.fasterxml.jackson.databind.JsonNode;

import no.xsoffice.mail.problem.ProblemException;

/**
 * The server part of a settings write, shared by personal profiles and organisation servers.
 * {@code password}: {@code null} when the request left it out (keep the stored one),
 * empty when the request sent {@code null} or {@code ""} (clear it).
 */
public record ServerFields(String host, Integer port, SmtpSecurity security, Boolean authentication,
        String username, String password, AuthMethod authMethod, String oauthProvider, String oauthTenant) {

    /** What a write's {@code limits} means, for the OpenAPI document of both kinds of server. */
    public static final String LIMITS_WRITE = "The sending limits set for this server itself, any of the four; each a"
            + " whole number from 1 to 1000000, or null for not set. A limit not set here comes from the provider"
            + " template (by templateId, whatever the host), else the defaults (connections 4). Like the other"
            + " fields (only password is kept when left out), a PUT replaces them: limits left out, null or {} means"
            + " none set, so a GET body sent back keeps them. An unknown field inside is a 400 naming it.";
    /** What a view's {@code limits} means. */
    public static final String LIMITS_READ = "The sending limits set for this server itself (not the template's or"
            + " the defaults): always an object, with each of the four fields present and null where none is set,"
            + " as the view's other fields are";

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
