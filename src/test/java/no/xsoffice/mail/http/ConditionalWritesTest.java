package no.xsoffice.mail.http;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Every conditional write, called as a client generated from openapi/openapi.yaml calls it: the stale ETag goes in
 * the header the document names, and the write is refused with 412; what a GET answered can be sent back as it is
 * (the contract filter checks that body against the request schema, as Prism does).
 */
@QuarkusTest
class ConditionalWritesTest {

    /** Two different bodies for each resource that takes If-Match, by its path in the document. */
    private static final Map<String, List<String>> BODIES = Map.of(
            "/api/v1/users/{userId}/smtp-profile", List.of(
                    """
                    { "useSharedServer": false, "host": "smtp.firma.no", "port": 587, "security": "STARTTLS",
                      "authentication": true, "username": "kari@firma.no", "password": "passord-1" }""",
                    """
                    { "useSharedServer": false, "host": "smtp.firma.no", "port": 587, "security": "STARTTLS",
                      "authentication": true, "username": "kari@firma.no", "password": "passord-2" }"""),
            "/api/v1/users/{userId}/signatures", List.of("""
                    { "newMessage": { "text": "Kari" } }""", """
                    { "newMessage": { "text": "Kari Nordmann" } }"""),
            "/api/v1/users/{userId}/mail-preferences", List.of("""
                    { "defaultBcc": "arkiv@firma.no" }""", """
                    { "defaultBcc": "kopi@firma.no" }"""),
            "/api/v1/organizations/{orgId}/smtp-server", List.of(
                    """
                    { "host": "smtp.firma.no", "port": 587, "security": "STARTTLS", "username": "post@firma.no",
                      "password": "delt-1" }""",
                    """
                    { "host": "smtp.firma.no", "port": 587, "security": "STARTTLS", "username": "post@firma.no",
                      "password": "delt-2" }"""),
            "/api/v1/organizations/{orgId}/sender-addresses", List.of("""
                    { "addresses": ["post@firma.no"] }""", """
                    { "addresses": ["faktura@firma.no"] }"""));

    private static JsonNode document;

    private final String org = newId("org");
    private final String user = newId("kari");

    @BeforeAll
    static void readTheDocument() throws Exception {
        document = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("openapi", "openapi.yaml")));
    }

    /** "METHOD path" of every operation whose parameters include the document's If-Match parameter. */
    static List<String> conditionalWrites() throws Exception {
        readTheDocument();
        List<String> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                if (parameter.path("$ref").asText().equals("#/components/parameters/If-Match")) {
                    operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }));
        return operations;
    }

    private static String headerName() {
        return document.at("/components/parameters/If-Match/name").asText();
    }

    @Test
    void shouldNameTheParameterAsTheHeaderOnTheWire() {
        assertThat(headerName()).isEqualTo("If-Match");
        assertThat(document.at("/components/parameters/If-Match/in").asText()).isEqualTo("header");
    }

    @ParameterizedTest
    @MethodSource("conditionalWrites")
    void shouldRefuseAStaleETagSentUnderTheDocumentsName(String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String template = operation.substring(method.length() + 1);
        assertThat(BODIES).as("bodies for " + template).containsKey(template);
        String path = template.replace("{userId}", "me").replace("{orgId}", org);
        List<String> bodies = BODIES.get(template);

        String stale = caller(template).body(bodies.get(0)).put(path).then().statusCode(200).extract().header("ETag");
        caller(template).body(bodies.get(1)).put(path).then().statusCode(200);

        caller(template).header(headerName(), stale).body(bodies.get(0)).request(method, path).then().statusCode(412)
                .contentType("application/problem+json");
    }

    static List<String> wholeBodyWrites() {
        return BODIES.keySet().stream().sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("wholeBodyWrites")
    void shouldTakeBackWhatItAnsweredAsItIs(String template) throws Exception {
        String path = template.replace("{userId}", "me").replace("{orgId}", org);
        caller(template).body(BODIES.get(template).get(0)).put(path).then().statusCode(200);
        var read = caller(template).get(path).then().statusCode(200).extract();

        String again = caller(template).header(headerName(), read.header("ETag")).body(read.asString()).put(path)
                .then().statusCode(200).extract().asString();

        assertThat(withoutTimes(again)).isEqualTo(withoutTimes(read.asString()));
    }

    private static JsonNode withoutTimes(String body) throws JsonProcessingException {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(body);
        node.remove("updatedAt");
        return node;
    }

    private RequestSpecification caller(String template) {
        return template.startsWith("/api/v1/organizations/") ? as(newId("admin"), org, "org-admin") : as(user, org, "user");
    }
}
