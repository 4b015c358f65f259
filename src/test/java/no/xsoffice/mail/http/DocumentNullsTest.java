package no.xsoffice.mail.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The committed document writes nulls so that every validator compiles every schema: Prism adds null to the enum of
 * a nullable schema (an enum that lists null already then holds it twice, and Prism stops validating the operation
 * without a word), and Ajv refuses {@code nullable} without a {@code type}.
 */
class DocumentNullsTest {

    @Test
    void shouldListNullInNoEnumOfANullableSchemaAndMarkNothingNullableWithoutAType() throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi", "openapi.yaml").toFile());
        List<String> broken = new ArrayList<>();
        walk(document, "#", broken);
        assertThat(broken).isEmpty();
    }

    @Test
    void shouldWriteANullableReferenceAsAnyOfWithANullBranch() throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi", "openapi.yaml").toFile());
        JsonNode imap = document.at("/components/schemas/SmtpProfile/properties/imap/anyOf");
        assertThat(imap.get(0).path("$ref").asText()).isEqualTo("#/components/schemas/ImapServer");
        assertThat(imap.get(1).toString()).isEqualTo("{\"enum\":[null]}");
    }

    private static void walk(JsonNode node, String at, List<String> broken) {
        if (node.isObject() && node.path("nullable").asBoolean(false)) {
            if (!node.has("type")) {
                broken.add(at + ": nullable without a type");
            }
            boolean listsNull = false;
            for (JsonNode value : node.path("enum")) {
                listsNull |= value.isNull();
            }
            if (listsNull) {
                broken.add(at + ": a nullable enum that lists null");
            }
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(e.getValue(), at + "/" + e.getKey(), broken));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, broken);
            }
        }
    }
}
