package no.xsoffice.mail.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Keys for the secrets this service stores (SMTP passwords). */
@ConfigMapping(prefix = "mail.crypto")
public interface CryptoConfig {

    /** Base64 of the 32-byte AES-256-GCM key that encrypts new secrets ({@code MAIL_CRYPTO_KEY}). */
    Optional<String> key();

    /** Base64 keys of earlier rotations that still decrypt ({@code MAIL_CRYPTO_OLD_KEYS}, comma-separated). */
    Optional<List<String>> oldKeys();
}
