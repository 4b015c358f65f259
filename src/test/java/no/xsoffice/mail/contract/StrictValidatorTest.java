package no.xsoffice.mail.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict validator reads null and read-only the way OpenAPI 3.0.3 defines them, as Ajv's OpenAPI mode and Prism do. */
class StrictValidatorTest {

    private static final String DOCUMENT = """
            openapi: 3.0.3
            info: { title: t, version: "1" }
            paths:
              /things/{id}:
                get:
                  responses:
                    "200":
                      description: a thing
                      content:
                        application/json:
                          schema: { $ref: "#/components/schemas/Thing" }
              /notes:
                put:
                  requestBody:
                    content:
                      application/json:
                        schema: { $ref: "#/components/schemas/Note" }
                  responses:
                    "200":
                      description: the note
                      content:
                        application/json:
                          schema: { $ref: "#/components/schemas/Note" }
            components:
              schemas:
                When: { type: string, format: date-time }
                Mode: { type: string, enum: ["ON", "OFF"] }
                Thing:
                  type: object
                  properties:
                    besideAllOf: { allOf: [{ $ref: "#/components/schemas/When" }], nullable: true }
                    anyOfNull:
                      anyOf: [{ $ref: "#/components/schemas/When" }, { enum: [null] }]
                    enumOrNull:
                      anyOf: [{ $ref: "#/components/schemas/Mode" }, { enum: [null] }]
                    enumWithoutNull: { type: string, enum: [ON, OFF], nullable: true }
                    enumWithNull: { type: string, enum: [ON, OFF, null], nullable: true }
                Note:
                  type: object
                  additionalProperties: false
                  required: [text, updatedAt]
                  properties:
                    text: { type: string }
                    updatedAt: { type: string, format: date-time, readOnly: true }
            """;

    @TempDir
    Path dir;

    private StrictValidator strict() throws Exception {
        Path yaml = dir.resolve("openapi.yaml");
        Files.writeString(yaml, DOCUMENT);
        return StrictValidator.of(yaml);
    }

    private List<String> check(String body) throws Exception {
        return strict().check("GET", "/things/42", 200, "application/json", body);
    }

    @Test
    void shouldRefuseNullForAReferenceWithNullableBesideAllOf() throws Exception {
        assertThat(check("{\"besideAllOf\": null}")).isNotEmpty();
    }

    @Test
    void shouldAdmitNullForAReferenceInAnyOfWithANullBranch() throws Exception {
        assertThat(check("{\"anyOfNull\": null}")).isEmpty();
        assertThat(check("{\"anyOfNull\": \"2026-12-03T10:00:00Z\"}")).isEmpty();
    }

    @Test
    void shouldAdmitNullOrAValueOfTheEnumForAnEnumInAnyOfWithANullBranch() throws Exception {
        assertThat(check("{\"enumOrNull\": null}")).isEmpty();
        assertThat(check("{\"enumOrNull\": \"ON\"}")).isEmpty();
        assertThat(check("{\"enumOrNull\": \"MAYBE\"}")).isNotEmpty();
    }

    @Test
    void shouldRefuseNullForAnEnumThatDoesNotListIt() throws Exception {
        assertThat(check("{\"enumWithoutNull\": null}")).isNotEmpty();
        assertThat(check("{\"enumWithNull\": null}")).isEmpty();
    }

    @Test
    void shouldRefuseAValueOutsideTheEnum() throws Exception {
        assertThat(check("{\"enumWithNull\": \"MAYBE\"}")).isNotEmpty();
    }

    @Test
    void shouldRefuseAReadOnlyPropertyInARequestWhereUnknownPropertiesAreRefused() throws Exception {
        String note = "{\"text\": \"hei\", \"updatedAt\": \"2026-12-05T10:00:00Z\"}";
        assertThat(strict().checkRequest("PUT", "/notes", "application/json", note)).isNotEmpty();
        assertThat(strict().checkRequest("PUT", "/notes", "application/json", "{\"text\": \"hei\"}")).isEmpty();
        assertThat(strict().check("PUT", "/notes", 200, "application/json", note)).isEmpty();
    }
}
