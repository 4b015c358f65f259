package no.xsoffice.mail.suppression;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import no.xsoffice.mail.security.CryptoConfig;

/**
 * The one-click unsubscribe links of bulk mail (RFC 8058): a token names the organisation and the address, signed with
 * HMAC-SHA256 under a key derived from MAIL_CRYPTO_KEY (so no further secret is needed, and the key that seals passwords
 * is never used as it is for another purpose). Tokens made under an earlier key (MAIL_CRYPTO_OLD_KEYS) still verify,
 * so a rotation does not break the links of mail already delivered. A token does not expire: RFC 8058 links are used
 * whenever the recipient reads the message.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    /** A token's two parts: base64url of {@code orgId \n address}, and base64url of its MAC. */
    public record Named(String orgId, String address) {
    }

    private static final String PURPOSE = "xs-mail list-unsubscribe v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final List<SecretKeySpec> keys = new ArrayList<>();

    public UnsubscribeTokens(CryptoConfig crypto) {
        crypto.key().filter(k -> !k.isBlank()).ifPresent(k -> keys.add(derive(k)));
        crypto.oldKeys().orElse(List.of()).stream().filter(k -> !k.isBlank()).forEach(k -> keys.add(derive(k.trim())));
    }

    /** The token for this organisation's address (normalised). */
    public String of(String orgId, String address) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("MAIL_CRYPTO_KEY is not set: unsubscribe links cannot be signed");
        }
        byte[] named = (orgId + "\n" + Suppressions.normalise(address)).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(named) + "." + ENCODER.encodeToString(mac(keys.get(0), named));
    }

    /** What a token names, if it is one this service signed. */
    public Optional<Named> read(String token) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] named;
        byte[] signature;
        try {
            named = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean valid = false;
        for (SecretKeySpec key : keys) {
            valid |= MessageDigest.isEqual(mac(key, named), signature);
        }
        String text = new String(named, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        if (!valid || newline <= 0 || newline == text.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Named(text.substring(0, newline), text.substring(newline + 1)));
    }

    private static SecretKeySpec derive(String base64Key) {
        byte[] master = Base64.getDecoder().decode(base64Key);
        return new SecretKeySpec(mac(new SecretKeySpec(master, "HmacSHA256"), PURPOSE.getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256");
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
