package no.xsoffice.mail.problem;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * The JSON path of a rejected field as problem documents name it ({@code port}, {@code to[0]},
 * {@code attachments[1].filename}), from a Jackson failure or a Bean Validation property path; and what a
 * field of a Java type must be, in the words of the JSON document.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** The field of a Jackson failure; {@code body} when it is the body itself. */
    static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /**
     * The field of a violation. Quarkus validates resource parameters, so the path starts with the method and the
     * parameter ({@code put.request.port}): those are left out, as are the names of container elements
     * ({@code <list element>}), whose index goes on the list's name.
     */
    static String of(Path propertyPath) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : propertyPath) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable()) {
                path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if ((kind == ElementKind.PROPERTY || kind == ElementKind.BEAN) && node.getName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /**
     * Where the violated field stands among the fields of the request it is in (a record's components in their
     * order), so that problems are listed as the request lists its fields; fields of other types come last.
     */
    static int position(ConstraintViolation<?> violation) {
        Object request = violation.getRootBean();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER && violation.getExecutableParameters() != null) {
                request = violation.getExecutableParameters()[node.as(Path.ParameterNode.class).getParameterIndex()];
            } else if (node.getKind() == ElementKind.PROPERTY) {
                RecordComponent[] components = request == null ? null : request.getClass().getRecordComponents();
                for (int i = 0; components != null && i < components.length; i++) {
                    if (components[i].getName().equals(node.getName())) {
                        return i;
                    }
                }
                break;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Whether the violation is of a method's answer rather than of what the client sent. */
    static boolean isOfAnswer(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** What a value of {@code type} must be, e.g. "must be a whole number" or "must be one of NONE, STARTTLS, SSL_TLS". */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == byte[].class) {
            return "must be base64";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(JsonPaths::jsonValue)
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == Optional.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (type.getPackageName().startsWith("java.time")) {
            return "must be a date and time (RFC 3339)";
        }
        if (type == java.util.UUID.class) {
            return "must be a UUID";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getPackageName().startsWith("java.")) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    /** An enum constant as JSON writes it: its {@link JsonValue} when it has one, else its name. */
    private static String jsonValue(Object constant) {
        for (Method method : constant.getClass().getMethods()) {
            if (method.isAnnotationPresent(JsonValue.class) && method.getParameterCount() == 0) {
                try {
                    return String.valueOf(method.invoke(constant));
                } catch (ReflectiveOperationException e) {
                    break;
                }
            }
        }
        return ((Enum<?>) constant).name();
    }
}
