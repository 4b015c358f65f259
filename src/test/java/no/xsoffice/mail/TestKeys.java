package no.xsoffice.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

import io.smallrye.jwt.util.KeyUtils;

/**
 * The token key pair of the tests that run the packaged service, made at their first use into target/test-keys
 * (no key is ever committed): the service verifies with the public key file, the test signs with the private key.
 * {@code @QuarkusTest}s need none: Quarkus makes a key pair of its own for dev mode and tests.
 */
public final class TestKeys {

    private static final Path DIR = Path.of("target", "test-keys");
    private static final Path PRIVATE = DIR.resolve("jwt-private.pem");
    private static final Path PUBLIC = DIR.resolve("jwt-public.pem");

    private TestKeys() {
    }

    /** The public key's file, an absolute path for MP_JWT_VERIFY_PUBLICKEY_LOCATION. */
    public static synchronized String publicKeyLocation() {
        ensure();
        return PUBLIC.toAbsolutePath().toString();
    }

    public static synchronized PrivateKey privateKey() {
        ensure();
        try {
            return KeyUtils.decodePrivateKey(Files.readString(PRIVATE, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ensure() {
        if (Files.exists(PRIVATE) && Files.exists(PUBLIC)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIR);
            Files.writeString(PUBLIC, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(PRIVATE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
