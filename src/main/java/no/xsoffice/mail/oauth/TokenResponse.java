package no.xsoffice.mail.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A token endpoint's answer. {@code toString} never shows a token. */
record TokenResponse(String accessToken, String refreshToken, long expiresIn, String scope, String account) {

    static TokenResponse parse(JsonNode json, ObjectMapper mapper) {
        return new TokenResponse(json.path("access_token").asText(null), json.path("refresh_token").asText(null),
                json.path("expires_in").asLong(3600), json.path("scope").asText(null),
                account(json.path("id_token").asText(null), mapper));
    }

    /**
     * The account named by the ID token, which came straight from the token endpoint over verified TLS
     * (OpenID Connect Core 3.1.3.7 allows that in place of checking its signature).
     */
    private static String account(String idToken, ObjectMapper mapper) {
        if (idToken == null || idToken.split("\\.").length < 2) {
            return null;
        }
        try {
            JsonNode claims = mapper.readTree(new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]),
                    StandardCharsets.UTF_8));
            for (String claim : new String[] { "email", "preferred_username", "upn", "sub" }) {
                if (claims.hasNonNull(claim)) {
                    return claims.get(claim).asText();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + ", scope=" + scope + ", account=" + account + "]";
    }
}
