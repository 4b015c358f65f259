package no.xsoffice.mail.smtp;

import java.util.Optional;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

/**
 * The server part of a settings write, shared by personal profiles and organisation servers.
 * {@code password}: {@code null} when the request left it out (keep the stored one),
 * empty when the request sent {@code null} or {@code ""} (clear it).
 */
public record ServerFields(String host, Integer port, SmtpSecurity security, Boolean authentication,
        String username, String password, AuthMethod authMethod, OAuthProvider oauthProvider, String oauthTenant) {

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
    /** What a write's {@code password} means, for the OpenAPI document of both kinds of server. */
    public static final String PASSWORD_WRITE = "Write-only. Left out: the stored password is kept (only while host,"
            + " port and username stay the same). null or empty: cleared. At most " + SmtpSettingsRules.MAX_PASSWORD
            + " characters, no NUL.";

    /** The server fields of a request, its password read as left out (null), cleared (empty) or given. */
    public static ServerFields of(ServerRequest request) {
        return new ServerFields(request.host(), request.port(), request.security(), request.authentication(),
                request.username(), password(request.password()), request.authMethod(), request.oauthProvider(),
                request.oauthTenant());
    }

    /** Whether the request gave any server field at all. */
    public boolean any() {
        return host != null || port != null || security != null || authentication != null || username != null
                || password != null || authMethod != null || oauthProvider != null || oauthTenant != null;
    }

    /** A write-only password field: left out ({@code null}), sent as {@code null} ({@code Optional.empty()}), or a string. */
    private static String password(Optional<String> field) {
        return field == null ? null : field.orElse("");
    }
}
