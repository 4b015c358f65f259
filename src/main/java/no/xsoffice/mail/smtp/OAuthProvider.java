package no.xsoffice.mail.smtp;

import com.fasterxml.jackson.annotation.JsonValue;

/** The OAuth providers whose SMTP servers accept XOAUTH2. */
public enum OAuthProvider {
    GOOGLE,
    MICROSOFT;

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static java.util.Optional<OAuthProvider> of(String id) {
        for (OAuthProvider p : values()) {
            if (p.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
