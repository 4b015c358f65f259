package no.xsoffice.mail.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/**
 * Encrypts stored secrets with AES-256-GCM. A ciphertext reads {@code keyId:base64(iv || ciphertext)}
 * and is bound to its row through the associated data, so one copied to another row does not decrypt.
 * Keys from {@code MAIL_CRYPTO_OLD_KEYS} still decrypt after a rotation; new secrets use {@code MAIL_CRYPTO_KEY}.
 */
@Startup
@ApplicationScoped
public class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    public SecretCipher(CryptoConfig config) {
        String current = config.key().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "MAIL_CRYPTO_KEY is not set: give it the base64 of 32 random bytes (e.g. `openssl rand -base64 32`)"
                        + " to encrypt stored SMTP passwords"));
        currentKeyId = add(current, "MAIL_CRYPTO_KEY");
        List<String> old = new ArrayList<>(config.oldKeys().orElse(List.of()));
        for (String key : old) {
            if (!key.isBlank()) {
                add(key.trim(), "MAIL_CRYPTO_OLD_KEYS");
            }
        }
    }

    public String encrypt(String plaintext, String boundTo) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), iv, boundTo);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** Decrypts a stored secret; fails, without revealing anything of it, when the key or the row does not fit. */
    public String decrypt(String stored, String boundTo) {
        int colon = stored.indexOf(':');
        SecretKeySpec key = colon > 0 ? keys.get(stored.substring(0, colon)) : null;
        if (key == null) {
            throw new IllegalStateException("A stored secret was encrypted with a key that is not configured");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(in, IV_BYTES), boundTo);
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored secret does not decrypt for this row");
        }
    }

    /** True when the secret was encrypted with an older key and should be encrypted again. */
    public boolean isStale(String stored) {
        return !stored.startsWith(currentKeyId + ":");
    }

    private String add(String base64, String variable) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(variable + " must be the base64 of exactly 32 bytes (AES-256), not "
                    + raw.length);
        }
        String id = keyId(raw);
        keys.putIfAbsent(id, new SecretKeySpec(raw, "AES"));
        return id;
    }

    private static String keyId(byte[] raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] iv, String boundTo)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
