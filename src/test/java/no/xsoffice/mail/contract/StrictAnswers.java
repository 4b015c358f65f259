package no.xsoffice.mail.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

/**
 * A second, independent reading of openapi/openapi.yaml for answers: networknt's JSON Schema validator (draft 4,
 * the dialect OpenAPI 3.0 schemas extend), with {@code nullable} read as OpenAPI 3.0.3 defines it and as strict
 * validators in other teams' pipelines read it (Ajv's OpenAPI mode, Prism): {@code nullable: true} adds null to the
 * {@code type} of its own schema object and does nothing elsewhere (beside an {@code allOf}, say), and an
 * {@code enum} admits only the values it lists. Nothing else of the document is changed.
 */
final class StrictAnswers {

    private static final String DOCUMENT_IRI = "https://xs-mail.invalid/openapi.json";

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Operation> operations = new ArrayList<>();

    private record Operation(String method, Pattern path, String pointer, JsonNode node) {
    }

    private StrictAnswers(JsonNode document) throws IOException {
        this.document = document;
        String json = new ObjectMapper().writeValueAsString(nullAddedToType(document.deepCopy()));
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getDraft4(),
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, json)));
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String template = path.getKey();
            Pattern pattern = Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            operations.add(new Operation(operation.getKey().toUpperCase(), pattern,
                    "/paths/" + escape(template) + "/" + operation.getKey(), operation.getValue()));
        }));
        // a fixed path is a better match than a template that also matches it (/lookup beside /{id})
        operations.sort((a, b) -> Long.compare(braces(a.path), braces(b.path)));
    }

    static StrictAnswers of(Path yaml) {
        try {
            return new StrictAnswers(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(yaml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with a JSON answer's body for its operation and status; empty when it is as documented. */
    List<String> check(String method, String path, int status, String contentType, String body) {
        if (contentType == null || !contentType.contains("json") || body == null || body.isEmpty()) {
            return List.of();
        }
        Operation operation = operations.stream()
                .filter(o -> o.method.equals(method) && o.path.matcher(path).matches()).findFirst().orElse(null);
        if (operation == null) {
            return List.of(); // an undocumented operation is the other validator's finding
        }
        String media = contentType.split(";")[0].trim();
        String responsePointer = operation.pointer + "/responses/" + status;
        JsonNode response = operation.node.path("responses").path(String.valueOf(status));
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        if (!response.path("content").path(media).has("schema")) {
            return List.of();
        }
        Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + responsePointer + "/content/"
                + escape(media) + "/schema"));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        return errors.stream().map(e -> "answer [strict " + e.getKeyword() + "] " + e).toList();
    }

    /** {@code type: T, nullable: true} becomes {@code type: [T, "null"]}; {@code nullable} goes everywhere. */
    private static JsonNode nullAddedToType(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean nullable = object.path("nullable").asBoolean(false);
            object.remove("nullable");
            if (nullable && object.get("type") instanceof TextNode type) {
                object.putArray("type").add(type.asText()).add("null");
            }
            object.forEach(StrictAnswers::nullAddedToType);
        } else if (node instanceof ArrayNode array) {
            array.forEach(StrictAnswers::nullAddedToType);
        }
        return node;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static long braces(Pattern path) {
        return path.pattern().chars().filter(c -> c == '[').count();
    }
}
