package no.xsoffice.mail.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import no.xsoffice.mail.ProdSettings;

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
    void shouldNotPackageTheDevSigningKey() throws Exception {
        File[] jars = new File("target/quarkus-app/app").listFiles((dir, name) -> name.endsWith(".jar"));
        try (JarFile jar = new JarFile(jars[0])) {
            assertNull(jar.getEntry("dev/jwt-private.pem"));
        }
    }
}
