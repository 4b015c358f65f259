package no.xsoffice.mail.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.xsoffice.mail.problem.ProblemException;

/**
 * Entity tags derived from what a client reads: the hash of a resource's JSON view. A write that
 * carries {@code If-Match} goes ahead only while the view is still the one the client saw.
 */
@ApplicationScoped
public class ETags {

    private final ObjectMapper json;

    public ETags(ObjectMapper json) {
        this.json = json;
    }

    public String of(Object view) {
        return tagged(view).tag();
    }

    /**
     * A 64-bit FNV-1a hash of the JSON: the tag only has to change when the view changes (a chance collision
     * is one in 2^64), and it is computed on every read, so a cryptographic digest would be wasted work.
     */
    private static String tag(byte[] body) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : body) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return "\"" + Long.toHexString(hash) + "\"";
    }

    /** Throws 412 unless {@code ifMatch} is absent, {@code *}, or lists the current view's tag. */
    public void requireMatch(String ifMatch, Object currentView) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String current = of(currentView);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(current)) {
                return;
            }
        }
        throw ProblemException.preconditionFailed();
    }

    /** A view written to JSON, with its tag: what a read answers. */
    public record Tagged(byte[] body, String tag) {
    }

    /** The view written to JSON once, for both the body and the tag. */
    public Tagged tagged(Object view) {
        try {
            byte[] body = json.writeValueAsBytes(view);
            return new Tagged(body, tag(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 200 with the view and its tag. */
    public Response ok(Object view) {
        return ok(tagged(view));
    }

    public Response ok(Tagged view) {
        String tag = view.tag();
        return Response.ok(view.body(), MediaType.APPLICATION_JSON_TYPE)
                .tag(new EntityTag(tag.substring(1, tag.length() - 1))).build();
    }
}
