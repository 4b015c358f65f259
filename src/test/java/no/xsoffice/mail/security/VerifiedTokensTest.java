package no.xsoffice.mail.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        Token issued;

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications++;
            if (!token.startsWith("valid")) {
                throw new ParseException("bad signature");
            }
            issued = new Token(expiresAt);
            return issued;
        }
    }

    private static final class Token implements JsonWebToken {
        private final long exp;
        int lookups;

        Token(long exp) {
            this.exp = exp;
        }

        @Override
        public String getName() {
            return "kari";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp", "org", "sub");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            lookups++;
            return switch (name) {
                case "exp" -> (T) Long.valueOf(exp);
                case "org" -> (T) "firma";
                case "sub" -> (T) "kari";
                default -> null;
            };
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
    void shouldLookEachClaimUpOnce() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        verifier.expiresAt = Instant.now().getEpochSecond() + 60;
        VerifiedTokens tokens = new VerifiedTokens(verifier);

        JsonWebToken token = tokens.parse("valid-token");
        int lookupsToVerify = verifier.issued.lookups;
        for (int i = 0; i < 3; i++) {
            assertEquals("firma", tokens.parse("valid-token").getClaim("org"));
            assertNull(token.getClaim("email"));
        }
        assertEquals(lookupsToVerify + 1, verifier.issued.lookups); // org was read once when the token was checked; email once now
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
