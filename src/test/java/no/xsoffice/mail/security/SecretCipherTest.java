package no.xsoffice.mail.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static SecretCipher cipher(String key, String... oldKeys) {
        return new SecretCipher(new CryptoConfig() {
            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<List<String>> oldKeys() {
                return Optional.of(List.of(oldKeys));
            }
        });
    }

    @Test
    void shouldDecryptWhatItEncryptedForTheSameRow() {
        SecretCipher cipher = cipher(newKey());
        String sealed = cipher.encrypt("app-passord-æøå", "smtp-profile/acme/kari");
        assertThat(sealed).doesNotContain("app-passord");
        assertEquals("app-passord-æøå", cipher.decrypt(sealed, "smtp-profile/acme/kari"));
    }

    @Test
    void shouldUseAFreshIvForEveryEncryption() {
        SecretCipher cipher = cipher(newKey());
        assertNotEquals(cipher.encrypt("pw", "row"), cipher.encrypt("pw", "row"));
    }

    @Test
    void shouldRefuseCiphertextMovedToAnotherRow() {
        SecretCipher cipher = cipher(newKey());
        String sealed = cipher.encrypt("pw", "smtp-profile/acme/kari");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(sealed, "smtp-profile/acme/ola"));
        assertThat(e.getMessage()).doesNotContain("pw");
    }

    @Test
    void shouldStillDecryptWithAnOldKeyAfterRotation() {
        String oldKey = newKey();
        String sealed = cipher(oldKey).encrypt("pw", "row");

        SecretCipher rotated = cipher(newKey(), oldKey);
        assertEquals("pw", rotated.decrypt(sealed, "row"));
        assertThat(rotated.isStale(sealed)).isTrue();
        assertThat(rotated.isStale(rotated.encrypt("pw", "row"))).isFalse();
    }

    @Test
    void shouldRefuseCiphertextOfAKeyNoLongerConfigured() {
        String sealed = cipher(newKey()).encrypt("pw", "row");
        assertThrows(IllegalStateException.class, () -> cipher(newKey()).decrypt(sealed, "row"));
    }

    @Test
    void shouldRefuseToStartWithoutAKeyNamingTheVariable() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher(null));
        assertThat(e.getMessage()).contains("MAIL_CRYPTO_KEY");
    }

    @Test
    void shouldRefuseAKeyOfTheWrongLength() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cipher(Base64.getEncoder().encodeToString(new byte[16])));
        assertThat(e.getMessage()).contains("32 bytes");
    }
}
