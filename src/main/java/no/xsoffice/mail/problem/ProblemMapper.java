package no.xsoffice.mail.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** The one place where failures become RFC 9457 problem documents. No stack trace or class name leaves it. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(new Problem(e.type, e.title, e.status, e.getMessage(), e.errors));
    }

    /** Bean Validation of a resource's parameters (the request's single-field rules). */
    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        if (e.getConstraintViolations().stream().anyMatch(JsonPaths::isOfAnswer)) {
            return unexpected(e); // the service broke its own contract: a bug, not bad input
        }
        return problem(ProblemException.violated(e.getConstraintViolations()));
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e) {
        return problem(ProblemException.invalid(JsonPaths.of(e), "unknown field"));
    }

    /** A value Jackson could not read as its type: a string that is no enum constant, UUID, date or base64. */
    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return problem(ProblemException.invalid(JsonPaths.of(e), JsonPaths.expected(e.getTargetType())));
    }

    /** A JSON value of the wrong shape: a string for a number or boolean, an object for a string, no body at all. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return problem(ProblemException.invalid(JsonPaths.of(e), JsonPaths.expected(e.getTargetType())));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        if (e.getCause() instanceof InputCoercionException coercion) {
            return problem(ProblemException.invalid(JsonPaths.of(e), JsonPaths.expected(coercion.getTargetType())
                    + " within its range"));
        }
        if (e.getCause() instanceof JsonParseException || e.getPath().isEmpty()) {
            return malformedJson(e);
        }
        return problem(ProblemException.invalid(JsonPaths.of(e), "is not valid here"));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return problem(ProblemException.invalid("body", "is not valid JSON"));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(ProblemException.forbidden("This token's roles do not allow this operation"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        if (status >= 500) {
            return unexpected(e);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "Error";
        Response.ResponseBuilder builder = Response.fromResponse(e.getResponse())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detailOf(status), List.of()));
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isConcurrentInsert(e)) {
            return respond(new Problem("urn:xs-mail:problem:conflict", "Conflict", 409,
                    "A concurrent request created the same resource; repeat the request", List.of()));
        }
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return Response.fromResponse(respond(new Problem("urn:xs-mail:problem:unavailable", "Service Unavailable", 503,
                    "The service's database is not answering; try again shortly", List.of())))
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .build();
        }
        LOG.error("Unexpected failure", e);
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "An unexpected error occurred; it has been logged", List.of()));
    }

    private static Response unauthenticated() {
        return Response.fromResponse(respond(new Problem("about:blank", "Unauthorized", 401,
                "A valid bearer token is required", List.of())))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Two first writes of the same resource at once: the database's unique key let one of them in. */
    static boolean isConcurrentInsert(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException && t.getMessage() != null && t.getMessage().contains("Acquisition timeout")) {
                return true; // the pool could not get a connection in time
            }
        }
        return false;
    }

    private static String detailOf(int status) {
        return switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "No acceptable representation; this API speaks JSON";
            case 415 -> "Send the body as application/json";
            default -> "The request could not be served";
        };
    }

    /** A Jackson failure wrapped by the JSON reader, handled as if it had been thrown itself. */
    private Response json(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unrecognizedProperty(unknown);
        }
        if (e instanceof InvalidFormatException format) {
            return invalidFormat(format);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return mismatchedInput(mismatch);
        }
        if (e instanceof JsonMappingException mapping) {
            return mapping(mapping);
        }
        return malformedJson(e);
    }
}
