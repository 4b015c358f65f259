package no.xsoffice.mail.http;

import java.util.Arrays;
import java.util.stream.Collectors;

import no.xsoffice.mail.problem.ProblemException;

/**
 * Query parameters read as text and converted here, so that a value of the wrong kind is a 400 naming the parameter
 * (JAX-RS itself answers 404 to a query parameter it cannot convert). Absent or empty is the default.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static <E extends Enum<E>> E enumParam(String name, String value, Class<E> type) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public static int intParam(String name, String value, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number");
        }
    }
}
