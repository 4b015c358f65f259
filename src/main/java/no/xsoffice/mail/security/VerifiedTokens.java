package no.xsoffice.mail.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a bearer token once and remembers the result until the token expires, so that a
 * caller's repeated requests do not pay for RSA verification each time. Only a token that passed
 * full verification is remembered, keyed by its exact text; the rest goes to the default parser.
 * A token whose {@code sub} or {@code org} is not an id ({@link Ids}) is refused like a forged one. Its claims are
 * looked up once too: the library looks up a claim outside the standard set (such as
 * {@code org}) by catching an exception, which costs more than the rest of a settings read.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private static final int LIMIT = 10_000;

    private final DefaultJWTParser verifier;
    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(DefaultJWTParser verifier) {
        this.verifier = verifier;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.get(token);
        long now = System.currentTimeMillis() / 1000;
        if (known != null && known.getExpirationTime() > now) {
            return known;
        }
        JsonWebToken fresh = new RememberedClaims(verifier.parse(token));
        if (!Ids.valid(fresh.getSubject()) || fresh.getClaim("org") instanceof String org && !org.isBlank() && !Ids.valid(org)) {
            throw new ParseException("The token's sub or org is not an id: at most " + Ids.MAX_LENGTH
                    + " characters, without control characters");
        }
        if (fresh.getExpirationTime() > now) {
            if (verified.size() >= LIMIT) {
                verified.clear();
            }
            verified.put(token, fresh);
        }
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }

    /** A verified token that looks each claim up once. */
    private static final class RememberedClaims implements JsonWebToken {

        private final JsonWebToken token;
        private final Map<String, Optional<Object>> claims = new ConcurrentHashMap<>();

        RememberedClaims(JsonWebToken token) {
            this.token = token;
        }

        @Override
        public String getName() {
            return token.getName();
        }

        @Override
        public Set<String> getClaimNames() {
            return token.getClaimNames();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.computeIfAbsent(name, n -> Optional.ofNullable(token.getClaim(n))).orElse(null);
        }

        @Override
        public String toString() {
            return token.toString();
        }
    }
}
