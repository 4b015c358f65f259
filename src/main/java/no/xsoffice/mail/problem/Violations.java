package no.xsoffice.mail.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Collects the rejected fields of one request, so that the caller hears of all of them at once: one entry per
 * field, the first problem found with it (a field that already failed is not checked again by later rules).
 */
public final class Violations {

    private final List<FieldError> errors = new ArrayList<>();
    /** The request's fields in its order, when the entries are to be listed so; else in the order they were found. */
    private List<String> order = List.of();

    /**
     * The violations of a request's constraints: one entry per field, named by its JSON path, with the messages of
     * all the field's violations, in the order of the request's fields.
     */
    public static Violations of(Collection<? extends ConstraintViolation<?>> violations) {
        Map<String, Set<String>> messages = new LinkedHashMap<>();
        violations.stream()
                .sorted(Comparator.<ConstraintViolation<?>>comparingInt(JsonPaths::position)
                        .thenComparing(v -> JsonPaths.of(v.getPropertyPath())))
                .forEach(v -> messages.computeIfAbsent(JsonPaths.of(v.getPropertyPath()), field -> new TreeSet<>())
                        .add(v.getMessage()));
        Violations result = new Violations();
        messages.forEach((field, text) -> result.add(field, String.join("; ", text)));
        return result;
    }

    /**
     * The request's own constraints, checked now: their violations are the first entries, and the entries the
     * rules between fields add later are listed with them in the order of the request's fields.
     */
    public static Violations of(Validator validator, Record request) {
        Violations result = of(validator.validate(request));
        result.order = Arrays.stream(request.getClass().getRecordComponents()).map(c -> c.getName()).toList();
        return result;
    }

    /** Adds the error, unless the field already has one. */
    public Violations add(String field, String message) {
        if (!has(field)) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    /** Adds the error unless {@code ok}; answers {@code ok}. */
    public boolean check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return ok;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** Whether the field or any field inside it ({@code imap.host}, {@code to[0]}) has an error. */
    public boolean hasWithin(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field) || e.field().startsWith(field + ".")
                || e.field().startsWith(field + "["));
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw problem();
        }
    }

    /** The 400 naming every entry. */
    public ProblemException problem() {
        List<FieldError> listed = new ArrayList<>(errors);
        listed.sort(Comparator.comparingInt(this::position)); // stable: a field's entries keep their order
        return ProblemException.invalid(listed);
    }

    private int position(FieldError error) {
        String field = error.field().split("[.\\[]", 2)[0];
        int i = order.indexOf(field);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** Rejects a request that came without a body. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON body is required");
        }
        return body;
    }
}
