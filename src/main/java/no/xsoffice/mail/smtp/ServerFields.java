package no.xsoffice.mail.smtp;

import java.util.Optional;

/**
 * The server part of a settings write, shared by personal profiles and organisation servers.
 * {@code password}: {@code null} when the request left it out (keep the stored one),
 * empty when the request sent {@code null} (clear it).
 */
public record ServerFields(String host, Integer port, SmtpSecurity security, Boolean authentication,
        String username, Optional<String> password) {
}
