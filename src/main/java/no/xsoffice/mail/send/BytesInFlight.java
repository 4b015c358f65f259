package no.xsoffice.mail.send;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The room this replica has for message bodies being delivered ({@code MAIL_DELIVERY_MAX_BYTES_IN_FLIGHT}): a
 * delivery reserves its message's size before the body is read and gives it back when it ends, so that memory
 * does not grow with the size or number of messages due. Reservations are granted in order; a message larger
 * than all the room waits until it has it all to itself.
 */
@ApplicationScoped
public class BytesInFlight {

    private record Waiting(long bytes, CompletableFuture<Long> granted) {
    }

    private final long capacity;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private long free;

    @Inject
    public BytesInFlight(SendConfig config) {
        this(config.delivery().maxBytesInFlight());
    }

    BytesInFlight(long capacity) {
        this.capacity = capacity;
        this.free = capacity;
    }

    /** Completes with the bytes reserved once there is room; fails with a timeout after {@code wait}. */
    CompletableFuture<Long> reserve(long size, Duration wait) {
        long bytes = Math.max(1, Math.min(size, capacity));
        CompletableFuture<Long> granted = new CompletableFuture<>();
        synchronized (this) {
            if (waiting.isEmpty() && free >= bytes) {
                free -= bytes;
                return CompletableFuture.completedFuture(bytes);
            }
            waiting.add(new Waiting(bytes, granted));
        }
        granted.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).exceptionally(timedOut -> {
            synchronized (this) {
                waiting.removeIf(w -> w.granted() == granted);
            }
            return null;
        });
        return granted;
    }

    /** Gives back what {@link #reserve} granted, and grants what now fits to those waiting, in order. */
    void release(long bytes) {
        List<Waiting> granted = new ArrayList<>();
        synchronized (this) {
            free += bytes;
            while (!waiting.isEmpty() && free >= waiting.peek().bytes()) {
                Waiting next = waiting.poll();
                free -= next.bytes();
                granted.add(next);
            }
        }
        for (Waiting next : granted) {
            if (!next.granted().complete(next.bytes())) {
                release(next.bytes()); // it gave up waiting just now
            }
        }
    }

    synchronized long free() {
        return free;
    }
}
