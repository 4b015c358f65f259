package no.xsoffice.mail.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The committed openapi/openapi.yaml is the document the code serves, so front-end teams can trust it. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");
    private static final Path SERVED = Path.of("target", "openapi.yaml");

    @Test
    void shouldMatchTheCommittedDocument() throws Exception {
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        Files.writeString(SERVED, served, StandardCharsets.UTF_8);

        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertEquals(committed, served, "openapi/openapi.yaml is out of date: the build wrote the current document to "
                + SERVED + "; copy it over (cp " + SERVED + " " + COMMITTED + ") and commit it");
    }
}
