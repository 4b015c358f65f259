package no.xsoffice.mail.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.restassured.RestAssured;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Checks every REST Assured exchange of the tests against openapi/openapi.yaml, so that the build fails when the
 * document and the service disagree, in either direction:
 * <ul>
 * <li>every answer: its status must be documented for the operation, and its headers, content type and body must
 * match what the document says;</li>
 * <li>every request the service accepted (2xx): a request the document calls invalid but the service took is drift
 * too. A request the service refused (4xx) is a test of the refusal and may break the document's rules on
 * purpose.</li>
 * </ul>
 * Only the Quarkus endpoints under /q/ (health, metrics, the document itself) are not in the document and are
 * passed through.
 * <p>
 * Two validators read the document as it is: Atlassian's swagger-request-validator and {@link StrictValidator},
 * which reads {@code nullable} and {@code readOnly} to the letter of OpenAPI 3.0.3 as Ajv and Prism do; both check
 * requests and answers.
 * <p>
 * {@code -Dxs.openapi.contract=report} records the disagreements in target/openapi-contract.txt instead of failing.
 */
public final class OpenApiContract implements OrderedFilter {

    private static final Path DOCUMENT = Path.of("openapi", "openapi.yaml");
    private static final Path REPORT = Path.of("target", "openapi-contract.txt");
    private static final boolean FAIL = !"report".equals(System.getProperty("xs.openapi.contract", "fail")
            .toLowerCase(Locale.ROOT));
    private static volatile String currentTest = "?";

    /** Read at the first call they check, so that a broken document fails those calls, not the /q/openapi one. */
    private OpenApiInteractionValidator atlassian;
    private StrictValidator strict;

    static void currentTest(String name) {
        currentTest = name;
    }

    @Override
    public int getOrder() {
        return OrderedFilter.LOWEST_PRECEDENCE; // after REST Assured's own filters: sees the request as sent
    }

    @Override
    public Response filter(FilterableRequestSpecification requestSpec, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        URI uri = URI.create(requestSpec.getURI());
        if (uri.getPath().startsWith("/q/") || uri.getPort() != RestAssured.port) {
            // the Quarkus endpoints, or another server of the test (an OAuth provider's stand-in)
            return ctx.next(requestSpec, responseSpec);
        }
        // REST Assured adds the header of auth().oauth2(token) after the filters, where the validator cannot see it:
        // the same token goes as a plain header instead
        if (requestSpec.getAuthenticationScheme() instanceof PreemptiveOAuth2HeaderScheme oauth2) {
            requestSpec.auth().none();
            requestSpec.header(HttpHeaders.AUTHORIZATION, "Bearer " + oauth2.getAccessToken());
        }
        Response response = ctx.next(requestSpec, responseSpec);
        String path = uri.getPath();
        validators();
        Request request = RestAssuredRequest.of(requestSpec);
        int status = response.getStatusCode();
        List<String> broken = new ArrayList<>();
        if (status >= 200 && status < 300) {
            atlassian.validateRequest(request).getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    // a 204 has no body: the service serves it whatever the client accepts
                    .filter(m -> !(status == 204 && m.getKey().equals("validation.request.accept.notAllowed")))
                    // a body the service read but the validator's JSON parser will not (a 20 MB attachment)
                    .filter(m -> !m.getKey().equals("validation.request.body.schema.invalidJson"))
                    .forEach(m -> broken.add("request [" + m.getKey() + "] " + m.getMessage().replace('\n', ' ')));
            Object body = requestSpec.getBody();
            String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body instanceof String s ? s : null;
            broken.addAll(strict.checkRequest(requestSpec.getMethod(), path, requestSpec.getContentType(), text));
        }
        errors("response", atlassian.validateResponse(request.getPath(), request.getMethod(),
                RestAssuredResponse.of(response)), broken);
        broken.addAll(strict.check(requestSpec.getMethod(), path, status, response.getContentType(), response.asString()));
        if (!broken.isEmpty()) {
            String what = requestSpec.getMethod() + " " + path + " -> " + status;
            if (FAIL) {
                throw new AssertionError("The exchange " + what + " breaks openapi/openapi.yaml:\n - "
                        + String.join("\n - ", broken) + "\nResponse body: " + response.asString());
            }
            report(what, broken);
        }
        return response;
    }

    private static void errors(String phase, ValidationReport report, List<String> broken) {
        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> broken.add(phase + " [" + m.getKey() + "] " + m.getMessage().replace('\n', ' ')));
    }

    private static synchronized void report(String what, List<String> broken) {
        StringBuilder lines = new StringBuilder();
        broken.forEach(b -> lines.append(currentTest).append(" | ").append(what).append(" | ").append(b).append('\n'));
        try {
            Files.writeString(REPORT, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void validators() {
        if (atlassian == null) {
            atlassian = read();
            strict = StrictValidator.of(DOCUMENT);
        }
    }

    /**
     * Atlassian's validator reads null by the rule before OpenAPI 3.0.3, as valid only under {@code nullable: true}, so
     * the document's null branches ({@code enum: [null]}, valid under 3.0.3 and how Prism and Ajv need them) are
     * marked nullable for it.
     */
    private static void nullMarkedNullable(ObjectNode schema) {
        JsonNode values = schema.get("enum");
        if (values != null && values.size() == 1 && values.get(0).isNull() && !schema.has("type")) {
            schema.put("nullable", true);
        }
    }

    private static OpenApiInteractionValidator read() {
        String document;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode tree = yaml.readTree(Files.readString(DOCUMENT, StandardCharsets.UTF_8));
            document = new ObjectMapper().writeValueAsString(StrictValidator.everyObject(tree, OpenApiContract::nullMarkedNullable));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // swagger-parser finds its parts through the context class loader; under @QuarkusTest that is Quarkus's
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OpenApiContract.class.getClassLoader());
        try {
            return OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
