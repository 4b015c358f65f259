package no.xsoffice.mail.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

class VerifiedTokensTest {

    /** A verifier that counts its work and accepts tokens named "valid-…" until the given expiry. */
    private static final class CountingVerifier extends DefaultJWTParser {
        int verifications;
        long expiresAt;

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications++;
            if (!token.startsWith("valid")) {
                throw new ParseException("bad signature");
            }
            return new Token(expiresAt);
        }
    }

    private record Token(long exp) implements JsonWebToken {
        @Override
        public String getName() {
            return "kari";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return "exp".equals(name) ? (T) Long.valueOf(exp) : null;
        }
    }

    @Test
    void shouldVerifyARepeatedTokenOnlyOnce() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        verifier.expiresAt = Instant.now().getEpochSecond() + 60;
        VerifiedTokens tokens = new VerifiedTokens(verifier);

        JsonWebToken first = tokens.parse("valid-token");
        assertSame(first, tokens.parse("valid-token"));
        assertEquals(1, verifier.verifications);
    }

    @Test
    void shouldVerifyAgainOnceTheTokenHasExpired() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        verifier.expiresAt = Instant.now().getEpochSecond() - 1;
        VerifiedTokens tokens = new VerifiedTokens(verifier);

        tokens.parse("valid-expired");
        tokens.parse("valid-expired");
        assertEquals(2, verifier.verifications);
    }

    @Test
    void shouldNeverRememberARefusedToken() {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier);

        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertEquals(2, verifier.verifications);
    }
}
