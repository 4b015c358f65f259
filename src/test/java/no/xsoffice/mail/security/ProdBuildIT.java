package no.xsoffice.mail.security;

import static io.restassured.RestAssured.given;
import static no.xsoffice.mail.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.smallrye.jwt.build.Jwt;
import no.xsoffice.mail.ProdSettings;
import no.xsoffice.mail.TestKeys;

/** The packaged service, as operators run it. */
@QuarkusIntegrationTest
@WithTestResource(ProdSettings.class)
class ProdBuildIT {

    @Test
    void shouldHaveNoDevTokenEndpoint() {
        given().get("/dev/token").then().statusCode(404);
        given().get("/dev/token?user=kari&role=org-admin").then().statusCode(404);
    }

    @Test
    void shouldBeReadyWithItsDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldRequireATokenForTheApi() {
        given().get("/api/v1/users/me/smtp-profile").then().statusCode(401);
    }

    @Test
    void shouldRefusePrivateAddressesAndOddPortsForUserServersByDefault() throws Exception {
        String token = Jwt.subject("kari").issuer("https://id.xs-office.dev").claim("org", "acme").groups("user")
                .expiresIn(60).sign(TestKeys.privateKey());
        for (String host : new String[] { "127.0.0.1", "localhost", "10.0.0.5", "169.254.169.254", "::1" }) {
            given().auth().oauth2(token).contentType("application/json")
                    .body(json("""
                            { "host": %s, "port": 587 }""", host)).put("/api/v1/users/me/smtp-profile")
                    .then().statusCode(400).body("errors.field", hasItem("host"));
        }
        given().auth().oauth2(token).contentType("application/json")
                .body("""
                        { "host": "smtp.firma.no", "port": 22 }""").put("/api/v1/users/me/smtp-profile")
                .then().statusCode(400).body("errors.field", hasItem("port"));
    }

    @Test
    void shouldPackageNoKey() throws Exception {
        File[] jars = new File("target/quarkus-app/app").listFiles((dir, name) -> name.endsWith(".jar"));
        try (JarFile jar = new JarFile(jars[0])) {
            assertNull(jar.stream().filter(e -> e.getName().endsWith(".pem")).findFirst().orElse(null));
        }
    }
}
