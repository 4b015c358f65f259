package no.xsoffice.mail.smtp;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The OAuth providers whose SMTP servers accept XOAUTH2. */
public enum OAuthProvider {
    GOOGLE,
    MICROSOFT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OAuthProvider> of(String id) {
        for (OAuthProvider p : values()) {
            if (p.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
