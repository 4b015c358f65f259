package no.xsoffice.mail.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The service's sources and resources hold no private key: dev mode and the tests sign tokens with a key pair made at
 * start-up, and prod verifies with the identity service's public key from its environment.
 */
class NoCommittedKeyTest {

    @Test
    void shouldKeepNoPrivateKeyInTheServiceSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main"))) {
            List<String> keys = files.filter(Files::isRegularFile).filter(NoCommittedKeyTest::holdsAPrivateKey)
                    .map(Path::toString).toList();
            assertEquals(List.of(), keys);
        }
    }

    private static boolean holdsAPrivateKey(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".p12") || name.endsWith(".jks") || name.endsWith(".key")) {
            return true;
        }
        try {
            return Files.readString(file).contains("PRIVATE KEY-----");
        } catch (java.nio.charset.MalformedInputException e) {
            return false; // not text
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
