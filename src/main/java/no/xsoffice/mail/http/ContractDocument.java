package no.xsoffice.mail.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import no.xsoffice.mail.template.TemplateCatalogue;

/**
 * What the OpenAPI document says of every {@code /api} operation, so that each resource declares only what is
 * particular to it:
 * <ul>
 * <li>the problem answers any operation can give: 401 and 403 (unless it needs no token), 404, 406 and 503; 400 when
 * it reads a body, 415 then and on every POST and PUT;</li>
 * <li>{@code X-Request-Id} on every answer;</li>
 * <li>a request shape of its own ({@code <Name>Input}) for every object that answers carry too, so that an answer
 * can require what it always holds and a request need not hold what it cannot set: see
 * {@link #separateRequestShapes};</li>
 * <li>the null convention of the views: every property of a schema that answers carry is {@code required} (it is
 * always present, {@code null} when it has no value); problem documents, which requests never hold, require
 * {@code type}, {@code title} and {@code status} (RFC 9457 members are optional);</li>
 * <li>an optional field of a request body may be {@code null}, which means the same as leaving it out (or, where the
 * field says so, clears it): every property a request schema does not require is nullable;</li>
 * <li>nulls as OpenAPI 3.0.3 defines them: see {@link #nullsAsOpenApi303};</li>
 * <li>a {@code templateId} lists the ids of the provider catalogue, the only ones the service takes (and so the only
 * ones a profile can hold), in answers too: a settings page can send back what it read.</li>
 * </ul>
 */
public class ContractDocument implements OASFilter {

    private static final String RESPONSES = "#/components/responses/";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String PROBLEM = "Problem";
    private static final String INPUT = "Input";
    private static final String TEMPLATE_ID = "templateId";
    private static final String IGNORED = "Ignored: set by the service, and accepted in a request so that a body read"
            + " with GET can be sent back as it is";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> {
                if (path.startsWith("/api/")) {
                    item.getOperations().forEach(ContractDocument::addShared);
                }
            });
        }
        if (openAPI.getComponents() != null) {
            if (openAPI.getComponents().getResponses() != null) {
                openAPI.getComponents().getResponses().values().forEach(ContractDocument::addRequestId);
            }
            if (openAPI.getComponents().getSchemas() != null) {
                separateRequestShapes(openAPI);
                Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
                List<Object> templateIds = List.copyOf(TemplateCatalogue.ids());
                schemas.values().stream().filter(s -> s != null && s.getProperties() != null)
                        .map(s -> s.getProperties().get(TEMPLATE_ID))
                        .filter(p -> p != null && p.getType() != null && p.getType().contains(Schema.SchemaType.STRING))
                        .forEach(p -> p.setEnumeration(templateIds)); // not where the request ignores it
                reachedBy(openAPI, true).forEach(name -> nullableWhenOptional(schemas.get(name)));
                requireViewFields(openAPI);
                schemas.values().forEach(ContractDocument::nullsAsOpenApi303);
            }
        }
    }

    private static void addShared(PathItem.HttpMethod method, Operation operation) {
        boolean needsToken = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        if (operation.getRequestBody() != null) {
            add(operation, "400", "BadRequest");
        }
        if (operation.getRequestBody() != null || method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
            add(operation, "415", "UnsupportedMediaType"); // a body of another type is refused even where none is read
        }
        if (needsToken) {
            replace(operation, "401", "Unauthorized"); // in place of the bodiless ones derived from @RolesAllowed
            replace(operation, "403", "Forbidden");
            add(operation, "404", "NotFound");
            add(operation, "406", "NotAcceptable");
        }
        add(operation, "503", "Unavailable");
        operation.getResponses().getAPIResponses().values().forEach(ContractDocument::addRequestId);
    }

    private static void add(Operation operation, String status, String component) {
        if (!operation.getResponses().hasAPIResponse(status)) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().ref(RESPONSES + component));
        }
    }

    private static void replace(Operation operation, String status, String component) {
        operation.getResponses().removeAPIResponse(status);
        add(operation, status, component);
    }

    private static void addRequestId(APIResponse response) {
        if (response.getRef() == null && (response.getHeaders() == null || !response.getHeaders().containsKey(RequestIds.HEADER))) {
            response.addHeader(RequestIds.HEADER, OASFactory.createHeader().ref("#/components/headers/RequestId"));
        }
    }

    /**
     * Gives requests their own copy, named {@code <Name>Input}, of every object schema that answers carry too, and
     * points request bodies at the copies. The answer's schema then requires every property (it is always sent); the
     * request's requires only what a request must hold. In every schema a request can hold, read-only properties are
     * listed as ignored rather than forbidden (strict validators drop a {@code readOnly} property from a request), so
     * that a body read with GET can be sent back as it is even where unknown properties are refused.
     */
    private static void separateRequestShapes(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<String> inRequests = reachedBy(openAPI, true);
        Set<String> shared = new HashSet<>(inRequests);
        shared.retainAll(reachedBy(openAPI, false));
        shared.removeIf(name -> name.equals(PROBLEM) || schemas.get(name) == null
                || schemas.get(name).getProperties() == null || schemas.get(name).getProperties().isEmpty());
        List<Schema> requestSide = new ArrayList<>();
        inRequests.stream().filter(name -> !shared.contains(name) && schemas.containsKey(name))
                .forEach(name -> requestSide.add(schemas.get(name)));
        shared.forEach(name -> {
            Schema input = copy(schemas.get(name));
            openAPI.getComponents().addSchema(name + INPUT, input);
            requestSide.add(input);
        });
        requestSide.stream().filter(r -> r.getProperties() != null).forEach(r -> r.getProperties().values().stream()
                .filter(p -> Boolean.TRUE.equals(p.getReadOnly())).forEach(p -> {
                    p.setReadOnly(null);
                    p.setDescription(IGNORED);
                }));
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().getMediaTypes().values().stream()
                        .filter(m -> m.getSchema() != null).forEach(m -> requestSide.add(m.getSchema()));
            }
        }));
        requestSide.forEach(root -> nested(root).forEach(s -> {
            if (s.getRef() != null && shared.contains(s.getRef().substring(SCHEMAS.length()))) {
                s.setRef(s.getRef() + INPUT);
            }
        }));
    }

    /** A deep copy. */
    private static Schema copy(Schema schema) {
        Map<String, Object> all = new LinkedHashMap<>();
        schema.getAll().forEach((key, value) -> all.put(key, copied(value)));
        Schema copy = OASFactory.createSchema();
        copy.setAll(all);
        if (schema.getAdditionalPropertiesBoolean() != null) { // held as a schema that the map does not give back
            copy.setAdditionalPropertiesBoolean(schema.getAdditionalPropertiesBoolean());
        }
        return copy;
    }

    private static Object copied(Object value) {
        if (value instanceof Schema schema) {
            return copy(schema);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(copied(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, copied(item)));
            return copy;
        }
        return value;
    }

    /** {@code root} and every schema inside it, not following references. */
    private static List<Schema> nested(Schema root) {
        List<Schema> found = new ArrayList<>();
        Deque<Schema> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            found.add(s);
            if (s.getProperties() != null) {
                todo.addAll(s.getProperties().values());
            }
            if (s.getItems() != null) {
                todo.add(s.getItems());
            }
            if (s.getAdditionalPropertiesSchema() != null) {
                todo.add(s.getAdditionalPropertiesSchema());
            }
            Stream.of(s.getAllOf(), s.getAnyOf(), s.getOneOf()).filter(Objects::nonNull).forEach(todo::addAll);
        }
        return found;
    }

    /** The names of the component schemas that request bodies (or, with {@code requests} false, answers) can hold. */
    private static Set<String> reachedBy(OpenAPI openAPI, boolean requests) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<String> names = new HashSet<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (requests && operation.getRequestBody() != null) {
                reach(operation.getRequestBody().getContent(), schemas, names);
            }
            if (!requests) {
                operation.getResponses().getAPIResponses().values().forEach(r -> reach(r.getContent(), schemas, names));
            }
        }));
        return names;
    }

    /** Makes every property the schema does not require nullable: a plain one by its type, a reference by anyOf. */
    private static void nullableWhenOptional(Schema schema) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, p) -> {
            if (required.contains(name) || Boolean.TRUE.equals(p.getReadOnly()) || nullableReference(p) != null) {
                return;
            }
            if (p.getRef() != null) {
                Schema nullable = OASFactory.createSchema().description(p.getDescription())
                        .addAnyOf(OASFactory.createSchema().ref(p.getRef()))
                        .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
                nullable.setWriteOnly(p.getWriteOnly());
                nullable.setExamples(p.getExamples());
                schema.addProperty(name, nullable);
            } else if (p.getType() != null && !p.getType().contains(Schema.SchemaType.NULL)) {
                p.addType(Schema.SchemaType.NULL);
            }
        });
    }

    private static void requireViewFields(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        reachedBy(openAPI, false).forEach(name -> {
            Schema schema = schemas.get(name);
            if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
                return;
            }
            List<String> required = new ArrayList<>();
            schema.getProperties().forEach((property, s) -> {
                boolean always = !name.equals(PROBLEM) || List.of("type", "title", "status").contains(property);
                if (always) {
                    required.add(property);
                }
            });
            if (schema.getRequired() != null) {
                schema.getRequired().stream().filter(r -> !required.contains(r)).forEach(required::add);
            }
            schema.setRequired(required.isEmpty() ? null : required);
        });
    }

    /**
     * Writes every null the way OpenAPI 3.0.3 defines it and strict validators (Ajv's OpenAPI mode, Prism, networknt)
     * read it alike: {@code nullable} adds null only to the {@code type} of its own schema object, so a nullable
     * reference becomes {@code anyOf: [{$ref}, {enum: [null]}]} (rather than {@code allOf} beside {@code nullable},
     * which validators read as not nullable), and so does a nullable enum, {@code anyOf: [{type, enum}, {enum:
     * [null]}]}. The null branch carries neither {@code type} nor {@code nullable}: Prism adds null to the enum of a
     * nullable schema once more, and Ajv refuses {@code nullable} without a type; either makes Prism skip validation.
     */
    private static void nullsAsOpenApi303(Schema schema) {
        Deque<Schema> todo = new ArrayDeque<>(List.of(schema));
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            if (s.getProperties() != null) {
                Map.copyOf(s.getProperties()).forEach((name, p) -> {
                    String ref = nullableReference(p);
                    if (ref != null) {
                        s.addProperty(name, nullOr(p, OASFactory.createSchema().ref(ref)));
                    } else if (p.getEnumeration() != null && p.getType() != null && p.getType().contains(Schema.SchemaType.NULL)) {
                        Schema values = OASFactory.createSchema()
                                .type(p.getType().stream().filter(t -> t != Schema.SchemaType.NULL).toList())
                                .enumeration(p.getEnumeration().stream().filter(Objects::nonNull).toList());
                        s.addProperty(name, nullOr(p, values));
                    } else {
                        todo.add(p);
                    }
                });
            }
            if (s.getItems() != null) {
                todo.add(s.getItems());
            }
        }
    }

    /** {@code anyOf: [{value}, {enum: [null]}]}, with the property's description, access and examples. */
    private static Schema nullOr(Schema property, Schema value) {
        Schema onlyNull = OASFactory.createSchema().enumeration(Collections.singletonList(null));
        Schema nullable = OASFactory.createSchema().description(property.getDescription()).addAnyOf(value).addAnyOf(onlyNull);
        nullable.setReadOnly(property.getReadOnly());
        nullable.setWriteOnly(property.getWriteOnly());
        nullable.setExamples(property.getExamples());
        nullable.setExample(property.getExample());
        nullable.setDefaultValue(property.getDefaultValue());
        return nullable;
    }

    /**
     * The reference of a nullable property that refers to another schema, else null. The model holds it as
     * {@code anyOf: [{$ref}, {type: null}]}, which the 3.0 document writes as {@code allOf: [{$ref}], nullable: true}.
     */
    private static String nullableReference(Schema p) {
        if (p.getAnyOf() == null || p.getAnyOf().size() != 2) {
            return null;
        }
        boolean withNull = p.getAnyOf().stream().anyMatch(s -> List.of(Schema.SchemaType.NULL).equals(s.getType()));
        return withNull ? p.getAnyOf().stream().map(Schema::getRef).filter(Objects::nonNull).findFirst().orElse(null) : null;
    }

    /** Adds the names of the component schemas a body can contain, however deep, to {@code names}. */
    private static void reach(Content content, Map<String, Schema> schemas, Set<String> names) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        Deque<Schema> todo = new ArrayDeque<>();
        content.getMediaTypes().values().stream().filter(m -> m.getSchema() != null).forEach(m -> todo.add(m.getSchema()));
        while (!todo.isEmpty()) {
            nested(todo.pop()).stream().filter(s -> s.getRef() != null).forEach(s -> {
                String name = s.getRef().substring(SCHEMAS.length());
                if (names.add(name) && schemas.containsKey(name)) {
                    todo.add(schemas.get(name));
                }
            });
        }
    }
}
