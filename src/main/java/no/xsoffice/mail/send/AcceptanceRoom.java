package no.xsoffice.mail.send;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.ext.web.RoutingContext;
import no.xsoffice.mail.problem.Problem;

/**
 * Room for messages being accepted ({@code MAIL_SEND_MAX_BYTES_IN_FLIGHT}): a send request reserves its length
 * before its body is read and gives it back when its answer has gone, so that many large messages at once get
 * a 503 with {@code Retry-After} instead of exhausting memory. A request of unknown length counts as the largest.
 */
@ApplicationScoped
public class AcceptanceRoom {

    private static final Logger LOG = Logger.getLogger(AcceptanceRoom.class);
    static final String RETRY_AFTER_SECONDS = "5";

    private final Semaphore kibibytes;
    private final int largestKib;

    public AcceptanceRoom(SendConfig config) {
        this.kibibytes = new Semaphore(kib(config.send().maxBytesInFlight()));
        // a request body is at most the largest message, in base64 (4/3) with the JSON around it
        this.largestKib = Math.min(kib(config.send().maxBytesInFlight()), kib(config.send().maxBytes() * 3 / 2));
    }

    @ServerRequestFilter
    public Optional<Response> reserve(ContainerRequestContext request, RoutingContext exchange) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().endsWith("/messages")) {
            return Optional.empty();
        }
        int length = request.getLength();
        int needed = length < 0 ? largestKib : Math.max(1, Math.min(largestKib, kib(length)));
        if (!kibibytes.tryAcquire(needed)) {
            LOG.debugf("No room to accept a message of %d bytes now; answered 503", length);
            return Optional.of(full());
        }
        exchange.addEndHandler(ended -> kibibytes.release(needed));
        return Optional.empty();
    }

    private static Response full() {
        return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .entity(new Problem("urn:xs-mail:problem:busy", "Service Unavailable", 503,
                        "This replica is accepting as much mail as it can hold; send the message again in a few seconds",
                        List.of()))
                .build();
    }

    private static int kib(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + 1023) / 1024);
    }
}
