package no.xsoffice.mail.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects the rejected fields of one request, so that the caller hears of all of them at once. */
public final class Violations {

    private final List<FieldError> errors = new ArrayList<>();

    public Violations add(String field, String message) {
        errors.add(new FieldError(field, message));
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

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** Rejects a request that came without a body. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON body is required");
        }
        return body;
    }
}
