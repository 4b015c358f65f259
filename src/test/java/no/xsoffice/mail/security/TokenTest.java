package no.xsoffice.mail.security;

import static no.xsoffice.mail.Api.anonymous;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Only tokens from XS Office's identity service, in date and correctly signed, get in. */
@QuarkusTest
class TokenTest {

    private static final String PATH = "/api/v1/users/me/smtp-profile";

    private static JwtClaimsBuilder claims() {
        return Jwt.subject("kari").claim("org", "acme").groups("user").claim("email", "kari@firma.no");
    }

    private static void refused(String token) {
        anonymous().auth().oauth2(token).get(PATH).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void shouldRefuseRequestWithoutToken() {
        anonymous().get(PATH).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldAcceptValidToken() {
        anonymous().auth().oauth2(claims().expiresIn(60).sign()).get(PATH).then().statusCode(200);
    }

    @Test
    void shouldRefuseExpiredToken() {
        Instant past = Instant.now().minusSeconds(3600);
        refused(claims().issuedAt(past.minusSeconds(60)).expiresAt(past).sign());
    }

    @Test
    void shouldRefuseTokenNotYetValid() {
        Instant later = Instant.now().plusSeconds(3600);
        refused(claims().issuedAt(later).claim("nbf", later.getEpochSecond()).expiresAt(later.plusSeconds(600)).sign());
    }

    @Test
    void shouldRefuseTokenFromAnotherIssuer() {
        refused(claims().issuer("https://evil.example").expiresIn(60).sign());
    }

    @Test
    void shouldRefuseTokenSignedWithAnotherKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        refused(claims().expiresIn(60).sign(generator.generateKeyPair().getPrivate()));
    }

    @Test
    void shouldRefuseUnsignedToken() {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(("{\"sub\":\"kari\",\"org\":\"acme\",\"groups\":[\"user\"],"
                + "\"iss\":\"https://id.xs-office.dev\",\"exp\":" + (Instant.now().getEpochSecond() + 60) + "}")
                .getBytes(StandardCharsets.UTF_8));
        refused(header + "." + payload + ".");
    }

    @Test
    void shouldRefuseATokenSignedWithThePublicKeyAsAnHmacSecret() throws Exception {
        String publicKey = ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey", String.class);
        refused(claims().expiresIn(60).signWithSecret(publicKey));
    }

    @Test
    void shouldRefuseGarbageToken() {
        refused("not-a-token");
    }

    @Test
    void shouldServeHealthAndOpenApiWithoutToken() {
        anonymous().get("/q/health/live").then().statusCode(200);
        anonymous().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        anonymous().get("/q/openapi").then().statusCode(200);
    }
}
