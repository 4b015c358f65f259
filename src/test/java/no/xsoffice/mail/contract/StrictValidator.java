package no.xsoffice.mail.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * A second, independent reading of openapi/openapi.yaml for answers and request bodies: networknt's JSON Schema
 * validator (draft 4, the dialect OpenAPI 3.0 schemas extend), with the two OpenAPI keywords JSON Schema lacks read
 * as OpenAPI 3.0.3 defines them and as strict validators in other teams' pipelines read them (Ajv's OpenAPI mode,
 * Prism): {@code nullable: true} adds null to the {@code type} of its own schema object and does nothing elsewhere
 * (beside an {@code allOf}, say), and an {@code enum} admits only the values it lists; a {@code readOnly} property
 * is not part of a request (Prism drops it from the schema, so where unknown properties are refused a request that
 * holds it is refused). Nothing else of the document is changed.
 */
final class StrictValidator {

    private static final int LARGEST_BODY_READ = 1 << 20;
    private static final String DOCUMENT_IRI = "https://xs-mail.invalid/openapi.json";

    private final JsonNode document;
    private final SchemaRegistry answers;
    private final SchemaRegistry requests;
    private final List<Operation> operations = new ArrayList<>();

    private record Operation(String method, Pattern path, String pointer, JsonNode node) {
    }

    private StrictValidator(JsonNode document) throws IOException {
        this.document = document;
        JsonNode strict = everyObject(document.deepCopy(), StrictValidator::nullAddedToType);
        this.answers = registry(strict);
        // email formats are left to the other validator: networknt also wants a top-level domain IANA lists
        // (.example is not one), which no OpenAPI validator asks of a request
        JsonNode requestSide = everyObject(strict.deepCopy(), StrictValidator::readOnlyLeftOut);
        this.requests = registry(everyObject(requestSide, StrictValidator::emailFormatLeftOut));
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String template = path.getKey();
            Pattern pattern = Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            operations.add(new Operation(operation.getKey().toUpperCase(), pattern,
                    "/paths/" + escape(template) + "/" + operation.getKey(), operation.getValue()));
        }));
        // a fixed path is a better match than a template that also matches it (/lookup beside /{id})
        operations.sort((a, b) -> Long.compare(braces(a.path), braces(b.path)));
    }

    private static SchemaRegistry registry(JsonNode document) throws IOException {
        String json = new ObjectMapper().writeValueAsString(document);
        return SchemaRegistry.withDefaultDialect(Dialects.getDraft4(), builder -> builder.schemas(Map.of(DOCUMENT_IRI, json)));
    }

    static StrictValidator of(Path yaml) {
        try {
            return new StrictValidator(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(yaml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with a JSON answer's body for its operation and status; empty when it is as documented. */
    List<String> check(String method, String path, int status, String contentType, String body) {
        Operation operation = operation(method, path, contentType, body);
        if (operation == null) {
            return List.of();
        }
        String pointer = operation.pointer + "/responses/" + status;
        JsonNode response = operation.node.path("responses").path(String.valueOf(status));
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = document.at(pointer);
        }
        return validate("answer", answers, response, pointer, contentType, body);
    }

    /** What is wrong with a JSON request body for its operation; empty when it is as documented. */
    List<String> checkRequest(String method, String path, String contentType, String body) {
        Operation operation = operation(method, path, contentType, body);
        if (operation == null || body.length() > LARGEST_BODY_READ) {
            // past the parser's longest string (a 20 MB attachment): not read, as OpenApiContract leaves it
            return List.of();
        }
        return validate("request", requests, operation.node.path("requestBody"), operation.pointer + "/requestBody",
                contentType, body);
    }

    /** The operation of a JSON exchange, or null (not JSON, no body, or an undocumented operation: the other validator's finding). */
    private Operation operation(String method, String path, String contentType, String body) {
        if (contentType == null || !contentType.contains("json") || body == null || body.isEmpty()) {
            return null;
        }
        return operations.stream().filter(o -> o.method.equals(method) && o.path.matcher(path).matches())
                .findFirst().orElse(null);
    }

    private static List<String> validate(String phase, SchemaRegistry registry, JsonNode holder, String pointer,
            String contentType, String body) {
        String media = contentType.split(";")[0].trim();
        if (!holder.path("content").path(media).has("schema")) {
            return List.of();
        }
        Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + pointer + "/content/"
                + escape(media) + "/schema"));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        return errors.stream().map(e -> phase + " [strict " + e.getKeyword() + "] " + e).toList();
    }

    /** Email formats go (see the constructor). */
    private static void emailFormatLeftOut(ObjectNode schema) {
        if ("email".equals(schema.path("format").asText())) {
            schema.remove("format");
        }
    }

    /** Every property marked {@code readOnly} leaves its schema (and its {@code required} list), as Prism reads a request. */
    private static void readOnlyLeftOut(ObjectNode schema) {
        if (!(schema.get("properties") instanceof ObjectNode properties)) {
            return;
        }
        List<String> readOnly = new ArrayList<>();
        properties.properties().forEach(p -> {
            if (p.getValue().path("readOnly").asBoolean(false)) {
                readOnly.add(p.getKey());
            }
        });
        properties.remove(readOnly);
        if (schema.get("required") instanceof ArrayNode required) {
            for (int i = required.size() - 1; i >= 0; i--) {
                if (readOnly.contains(required.get(i).asText())) {
                    required.remove(i);
                }
            }
        }
    }

    /** {@code type: T, nullable: true} becomes {@code type: [T, "null"]}; {@code nullable} goes everywhere. */
    private static void nullAddedToType(ObjectNode schema) {
        boolean nullable = schema.path("nullable").asBoolean(false);
        schema.remove("nullable");
        if (nullable && schema.get("type") instanceof TextNode type) {
            schema.putArray("type").add(type.asText()).add("null");
        }
    }

    /** Applies {@code change} to every object in {@code node}, however deep, and answers {@code node}. */
    static JsonNode everyObject(JsonNode node, Consumer<ObjectNode> change) {
        if (node instanceof ObjectNode object) {
            change.accept(object);
        }
        node.forEach(child -> everyObject(child, change));
        return node;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static long braces(Pattern path) {
        return path.pattern().chars().filter(c -> c == '[').count();
    }
}
