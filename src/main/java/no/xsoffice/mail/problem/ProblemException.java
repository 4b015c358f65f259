package no.xsoffice.mail.problem;

import java.util.Collection;
import java.util.List;

import jakarta.validation.ConstraintViolation;

/** A request that ends in a problem document; thrown by services, rendered by {@link ProblemMapper}. */
public class ProblemException extends RuntimeException {

    public final int status;
    public final String type;
    public final String title;
    public final List<FieldError> errors;

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(400, "urn:xs-mail:problem:validation", "Invalid request", detail, errors);
    }

    /** The violations of a request's constraints, as {@link Violations#of(Collection)} lists them. */
    public static ProblemException violated(Collection<? extends ConstraintViolation<?>> violations) {
        return Violations.of(violations).problem();
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "about:blank", "Not Found", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "about:blank", "Forbidden", detail, List.of());
    }

    public static ProblemException preconditionFailed() {
        return new ProblemException(412, "urn:xs-mail:problem:stale", "Precondition Failed",
                "The resource changed since it was read (If-Match does not match its ETag); read it again", List.of());
    }

    public static ProblemException unprocessable(String type, String detail) {
        return new ProblemException(422, "urn:xs-mail:problem:" + type, "Unprocessable Content", detail, List.of());
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "urn:xs-mail:problem:too-large", "Content Too Large", detail, List.of());
    }
}
