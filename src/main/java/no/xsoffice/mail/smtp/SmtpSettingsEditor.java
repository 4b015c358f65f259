package no.xsoffice.mail.smtp;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.SecretCipher;
import no.xsoffice.mail.smtpclient.AddressGuard;

/**
 * Checks a write of SMTP settings against the rules of the contract and applies it. Stored
 * credentials are only ever sent to the server they were entered for: a change of host, port
 * or username must come with the password again.
 */
@ApplicationScoped
public class SmtpSettingsEditor {

    static final int MAX_USERNAME = 320;
    static final int MAX_PASSWORD = 1024;
    /** The fields of {@code limits}, in the order of {@link SendingLimits}'s components. */
    static final List<String> LIMIT_NAMES = List.of("connections", "messagesPerMinute",
            "recipientsPerMessage", "recipientsPerDay");

    private final SecretCipher cipher;
    private final AddressGuard guard;

    public SmtpSettingsEditor(SecretCipher cipher, AddressGuard guard) {
        this.cipher = cipher;
        this.guard = guard;
    }

    /**
     * Validates {@code given} against {@code settings} (the stored state) and, when every rule holds,
     * applies it. Problems are added to {@code violations}; nothing changes when there are any.
     */
    public void apply(SmtpSettings settings, ServerFields given, boolean serverRequired, String binding,
            Violations violations) {
        String host = null;
        if (given.host() != null && !given.host().isBlank()) {
            host = Hosts.normalise(given.host()).orElse(null);
            violations.check(host != null, "host", "must be a valid DNS name or IP address");
        } else {
            violations.check(!serverRequired, "host", "is required unless useSharedServer is true");
        }
        SmtpSecurity security = given.security() != null ? given.security()
                : Objects.equals(given.port(), SmtpSecurity.SSL_TLS.defaultPort) ? SmtpSecurity.SSL_TLS : SmtpSecurity.STARTTLS;
        Integer port = given.port() != null ? given.port() : host == null ? null : security.defaultPort;
        if (port != null) {
            violations.check(port >= 1 && port <= 65535, "port", "must be between 1 and 65535");
        }
        if (host != null && port != null && !violations.has("host") && !violations.has("port")) {
            guard.checkSettings(host, port).forEach(e -> violations.add(e.field(), e.message()));
        }
        String username = given.username() == null || given.username().isBlank() ? null : given.username().trim();
        if (username != null) {
            violations.check(username.length() <= MAX_USERNAME && !MailAddress.hasControl(username), "username",
                    "must be at most " + MAX_USERNAME + " characters without control characters");
        }
        boolean authentication = given.authentication() != null ? given.authentication() : username != null;

        String password = given.password();
        if (password != null) {
            violations.check(password.length() <= MAX_PASSWORD && password.indexOf('\0') < 0, "password",
                    "must be at most " + MAX_PASSWORD + " characters without NUL");
        }
        AuthMethod method = given.authMethod() != null ? given.authMethod() : AuthMethod.PASSWORD;
        boolean keepsStored = password == null && settings.passwordSet() && method == AuthMethod.PASSWORD;
        boolean otherTarget = !Objects.equals(host, settings.host) || !Objects.equals(port, settings.port)
                || !Objects.equals(username, settings.username);
        if (keepsStored && otherTarget) {
            violations.add("password", "must be entered again when host, port or username changes:"
                    + " a stored password is only sent to the server it was entered for");
        }
        OAuthProvider provider = null;
        if (method == AuthMethod.XOAUTH2) {
            authentication = true;
            provider = OAuthProvider.of(given.oauthProvider()).orElse(null);
            violations.check(provider != null, "oauthProvider", "must be google or microsoft with authMethod XOAUTH2");
            violations.check(host != null || !serverRequired, "host", "is required");
            if (given.oauthTenant() != null) {
                violations.check(given.oauthTenant().matches("[A-Za-z0-9.-]{1,100}"), "oauthTenant",
                        "must be a tenant id or domain");
            }
        } else if (authentication) {
            violations.check(username != null, "username", "is required when authentication is on");
            boolean hasPassword = password == null ? settings.passwordSet() : !password.isEmpty();
            if (!violations.has("password")) {
                violations.check(hasPassword, "password", "is required when authentication is on");
            }
        }
        if (!violations.isEmpty()) {
            return;
        }
        settings.host = host;
        settings.port = port;
        settings.security = host == null ? given.security() : security;
        settings.authentication = authentication;
        settings.username = username;
        if (method != AuthMethod.XOAUTH2 || provider != settings.oauthProvider
                || !Objects.equals(given.oauthTenant(), settings.oauthTenant)) {
            settings.forgetOAuth();
        }
        settings.authMethod = method;
        settings.oauthProvider = provider;
        settings.oauthTenant = method == AuthMethod.XOAUTH2 ? given.oauthTenant() : null;
        if (method == AuthMethod.XOAUTH2) {
            settings.passwordCiphertext = null;
        } else if (password != null) {
            settings.passwordCiphertext = password.isEmpty() ? null : cipher.encrypt(password, binding);
        } else if (settings.passwordSet() && cipher.isStale(settings.passwordCiphertext)) {
            settings.passwordCiphertext = cipher.encrypt(cipher.decrypt(settings.passwordCiphertext, binding), binding);
        }
        settings.acceptCredentials();
    }

    /**
     * Reads the {@code limits} of a settings write: left out, {@code null} or {@code {}} is no limits set (the
     * template's, else the defaults, apply); each field given is a whole number from 1 to {@link SendingLimits#MAX},
     * or {@code null} for not set. Problems are added to {@code violations} as {@code limits.<field>}.
     */
    public static SendingLimits limits(JsonNode field, Violations violations) {
        if (field == null || field.isNull()) {
            return SendingLimits.NONE;
        }
        if (!field.isObject()) {
            violations.add("limits", "must be an object, or null for none");
            return SendingLimits.NONE;
        }
        Integer[] values = new Integer[LIMIT_NAMES.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = field.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = "limits." + entry.getKey();
            int index = LIMIT_NAMES.indexOf(entry.getKey());
            if (index < 0) {
                violations.add(name, "unknown field");
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            boolean ok = value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 1
                    && value.intValue() <= SendingLimits.MAX;
            if (violations.check(ok, name, "must be a whole number from 1 to " + SendingLimits.MAX + ", or null for none")) {
                values[index] = value.intValue();
            }
        }
        return new SendingLimits(values[0], values[1], values[2], values[3]);
    }

    /** The fields of {@code imap}. */
    static final List<String> IMAP_NAMES = List.of("host", "port", "security");

    /**
     * Reads the {@code imap} of a profile write: {@code null} when left out or {@code null} (none given), else an object
     * with {@code host} (required), {@code port} (1–65535, default 993, or 143 with STARTTLS) and {@code security}
     * ({@code SSL_TLS}, the default, or {@code STARTTLS}: never plain text, since the mailbox's password goes over it).
     * Host and port pass the same SSRF guard as SMTP servers, on the IMAP ports 143 and 993. Problems are added to
     * {@code violations} as {@code imap.<field>}.
     */
    public ImapServer imap(JsonNode field, Violations violations) {
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isObject()) {
            violations.add("imap", "must be an object with host, port and security, or null for none");
            return null;
        }
        for (Iterator<String> it = field.fieldNames(); it.hasNext();) {
            String name = it.next();
            violations.check(IMAP_NAMES.contains(name), "imap." + name, "unknown field");
        }
        JsonNode hostField = field.get("host");
        String host = null;
        if (hostField == null || hostField.isNull() || (hostField.isTextual() && hostField.textValue().isBlank())) {
            violations.add("imap.host", "is required when imap is given");
        } else {
            host = hostField.isTextual() ? Hosts.normalise(hostField.textValue()).orElse(null) : null;
            violations.check(host != null, "imap.host", "must be a valid DNS name or IP address");
        }
        SmtpSecurity security = SmtpSecurity.SSL_TLS;
        JsonNode securityField = field.get("security");
        if (securityField != null && !securityField.isNull()) {
            String text = securityField.isTextual() ? securityField.textValue() : "";
            security = "STARTTLS".equals(text) ? SmtpSecurity.STARTTLS : "SSL_TLS".equals(text) ? SmtpSecurity.SSL_TLS : null;
            violations.check(security != null, "imap.security", "must be SSL_TLS or STARTTLS");
        }
        JsonNode portField = field.get("port");
        Integer port = security == null ? null : ImapServer.defaultPort(security);
        if (portField != null && !portField.isNull()) {
            boolean ok = portField.isIntegralNumber() && portField.canConvertToInt() && portField.intValue() >= 1
                    && portField.intValue() <= 65535;
            port = violations.check(ok, "imap.port", "must be between 1 and 65535") ? portField.intValue() : null;
        }
        if (host != null && port != null) {
            guard.checkImapSettings(host, port).forEach(e -> violations.add("imap." + e.field(), e.message()));
        }
        return host == null || port == null || security == null ? null : new ImapServer(host, port, security);
    }

    /** The stored password in plain text, for a delivery or a connection test. */
    public Optional<String> password(SmtpSettings settings, String binding) {
        return Optional.ofNullable(settings.passwordCiphertext).map(c -> cipher.decrypt(c, binding));
    }
}
