package no.xsoffice.mail.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import no.xsoffice.mail.security.CryptoConfig;

/** The one-click links name an organisation and an address, and only the service can make one. */
class UnsubscribeTokensTest {

    private static final String KEY = "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=";
    private static final String OTHER_KEY = "b3RoZXIta2V5LW9mLTMyLWJ5dGVzLWZvci10ZXN0cyE=";

    private static UnsubscribeTokens tokens(String key, String... old) {
        return new UnsubscribeTokens(new CryptoConfig() {
            @Override
            public Optional<String> key() {
                return Optional.of(key);
            }

            @Override
            public Optional<List<String>> oldKeys() {
                return Optional.of(List.of(old));
            }
        });
    }

    @Test
    void shouldReadBackTheOrganisationAndTheLowerCasedAddress() {
        UnsubscribeTokens tokens = tokens(KEY);
        String token = tokens.of("acme", "Ola@Example.com");
        assertEquals(new UnsubscribeTokens.Named("acme", "ola@example.com"), tokens.read(token).orElseThrow());
        assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), "URL-safe: " + token);
    }

    @Test
    void shouldRefuseATokenWithAnotherOrganisationOrAnAlteredSignature() {
        UnsubscribeTokens tokens = tokens(KEY);
        String token = tokens.of("acme", "ola@example.com");
        String otherOrg = tokens.of("evil", "ola@example.com");
        String swapped = otherOrg.substring(0, otherOrg.indexOf('.')) + token.substring(token.indexOf('.'));
        assertTrue(tokens.read(swapped).isEmpty());
        assertTrue(tokens.read(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A")).isEmpty());
        assertTrue(tokens.read("garbage").isEmpty());
        assertTrue(tokens.read("a.b.c").isEmpty());
        assertTrue(tokens(OTHER_KEY).read(token).isEmpty(), "another service's key makes other tokens");
    }

    @Test
    void shouldStillReadLinksMadeBeforeAKeyRotation() {
        String before = tokens(KEY).of("acme", "ola@example.com");
        assertEquals("acme", tokens(OTHER_KEY, KEY).read(before).orElseThrow().orgId());
    }
}
