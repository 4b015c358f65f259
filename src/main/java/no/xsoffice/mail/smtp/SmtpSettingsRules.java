package no.xsoffice.mail.smtp;

import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

/**
 * The rules of a settings write that span fields or need the stored state: what is required together, the
 * defaults one field takes from another, the SSRF guard, no password over plain text, and that stored credentials are only ever sent to the
 * server they were entered for (a change of host, port or username must come with the password again). The
 * single-field rules (port range, lengths, control characters, host syntax) are the request's own constraints,
 * checked before.
 */
@ApplicationScoped
public class SmtpSettingsRules {

    public static final int MAX_USERNAME = 320;
    public static final int MAX_PASSWORD = 1024;

    private final AddressGuard guard;

    public SmtpSettingsRules(AddressGuard guard) {
        this.guard = guard;
    }

    /**
     * Checks {@code given} against {@code stored} and answers it complete: the host in canonical form, port,
     * security and authentication filled in, the username trimmed, the method and its provider decided.
     * Problems are added to {@code violations}; the answer is only to be applied when there are none.
     */
    public ServerFields check(SmtpSettings stored, ServerFields given, boolean serverRequired, Violations violations) {
        String host = given.host() == null || given.host().isBlank() ? null : Hosts.normalise(given.host()).orElse(null);
        if (given.host() == null || given.host().isBlank()) {
            violations.check(!serverRequired, "host", "is required unless useSharedServer is true");
        }
        SmtpSecurity security = given.security() != null ? given.security()
                : Objects.equals(given.port(), SmtpSecurity.SSL_TLS.defaultPort) ? SmtpSecurity.SSL_TLS : SmtpSecurity.STARTTLS;
        Integer port = given.port() != null ? given.port() : host == null ? null : security.defaultPort;
        if (host != null && port != null) {
            guard.checkSettings(host, port).forEach(e -> violations.add(e.field(), e.message()));
        }
        String username = given.username() == null || given.username().isBlank() ? null : given.username().trim();
        boolean authentication = given.authentication() != null ? given.authentication() : username != null;

        String password = given.password();
        AuthMethod method = given.authMethod() != null ? given.authMethod() : AuthMethod.PASSWORD;
        boolean keepsStored = password == null && stored.passwordSet() && method == AuthMethod.PASSWORD;
        boolean otherTarget = !Objects.equals(host, stored.host) || !Objects.equals(port, stored.port)
                || !Objects.equals(username, stored.username);
        if (keepsStored && otherTarget) {
            violations.add("password", "must be entered again when host, port or username changes:"
                    + " a stored password is only sent to the server it was entered for");
        }
        OAuthProvider provider = null;
        if (method == AuthMethod.XOAUTH2) {
            authentication = true;
            provider = given.oauthProvider();
            violations.check(provider != null, "oauthProvider", "must be google or microsoft with authMethod XOAUTH2");
            violations.check(host != null || !serverRequired || violations.has("host"), "host", "is required");
        } else if (authentication) {
            violations.check(username != null, "username", "is required when authentication is on");
            boolean hasPassword = password == null ? stored.passwordSet() : !password.isEmpty();
            if (!violations.has("password")) {
                violations.check(hasPassword, "password", "is required when authentication is on");
            }
        }
        if (host != null && authentication && security == SmtpSecurity.NONE && !violations.has("host")
                && !guard.passwordInPlainTextAllowed(host)) {
            violations.add("security", AddressGuard.PLAIN_TEXT_MESSAGE);
        }
        return new ServerFields(host, port, host == null ? given.security() : security, authentication, username,
                password, method, provider, method == AuthMethod.XOAUTH2 ? given.oauthTenant() : null);
    }

    /**
     * Checks the {@code imap} of a profile write and answers it complete: {@code null} when none is given, else the
     * host in canonical form, {@code security} {@code SSL_TLS} by default and the port (default 993, or 143 with
     * STARTTLS), which pass the same SSRF guard as SMTP servers, on the IMAP ports 143 and 993. Problems are added
     * as {@code imap.<field>}.
     */
    public ImapServer imap(ImapServer given, Violations violations) {
        if (given == null) {
            return null;
        }
        SmtpSecurity security = given.security() == null ? SmtpSecurity.SSL_TLS : given.security();
        String host = Hosts.normalise(given.host()).orElseThrow();
        int port = given.port() != null ? given.port() : ImapServer.defaultPort(security);
        guard.checkImapSettings(host, port).forEach(e -> violations.add("imap." + e.field(), e.message()));
        return new ImapServer(host, port, security);
    }
}
