package no.xsoffice.mail.smtpclient;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The deliveries to one server: at most as many at once as it may have connections, the rest waiting their
 * turn in order. A delivery's deadline starts when it is sent, not while it waits, so a long queue to a slow
 * server cannot time out a message the server is already taking. Waiting is bounded too: a delivery that gets
 * no turn within its wait fails as {@link Busy}, before anything was sent, and can be tried again without a
 * duplicate. At its deadline a delivery fails with a {@link TimeoutException} and is aborted (its connection
 * closed), so a server that stops answering holds neither a thread nor a turn. A server that has too many
 * connections from this service makes the lane narrower at once, and it widens again by one connection per
 * quiet interval, as Postfix's destination concurrency does.
 */
public final class ServerLane {

    /** The message was not sent: no connection to the server came free in time, or this replica stopped sending. */
    public static final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message, null, false, false);
        }
    }

    /** How long a lane stays as narrow as the server made it before it tries one connection more. */
    static final Duration REGROW = Duration.ofMinutes(1);

    private final int initialConnections;
    private final Duration regrow;
    private int connections;
    private long narrowedAt;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int sending;
    private boolean closed;
    private volatile long lastUsed = System.nanoTime();

    public ServerLane(int connections, Executor executor, ScheduledExecutorService timer) {
        this(connections, executor, timer, REGROW);
    }

    ServerLane(int connections, Executor executor, ScheduledExecutorService timer, Duration regrow) {
        this.initialConnections = connections;
        this.regrow = regrow;
        this.connections = connections;
        this.executor = executor;
        this.timer = timer;
    }

    /**
     * Runs {@code work} on the executor when a connection is free (waiting at most {@code wait}), and allows it
     * {@code deadline}; past the deadline the result is a {@link TimeoutException} and {@code abort} runs.
     */
    public <T> CompletableFuture<T> send(Callable<T> work, Runnable abort, Duration wait, Duration deadline) {
        lastUsed = System.nanoTime();
        return turn(wait).thenCompose(granted -> {
            CompletableFuture<T> sent = new CompletableFuture<>();
            try {
                executor.execute(() -> {
                    try {
                        sent.complete(work.call());
                    } catch (Throwable e) {
                        sent.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                passTurnOn();
                throw new Busy("This replica stopped sending; not sent");
            }
            ScheduledFuture<?> watchdog = timer.schedule(() -> {
                if (sent.completeExceptionally(new TimeoutException("The server did not finish within the deadline"))) {
                    abort.run();
                }
            }, deadline.toMillis(), TimeUnit.MILLISECONDS);
            sent.whenComplete((result, failure) -> {
                watchdog.cancel(false);
                lastUsed = System.nanoTime();
                passTurnOn();
                if (failure == null) {
                    widen();
                }
            });
            return sent;
        });
    }

    private synchronized CompletableFuture<Void> turn(Duration wait) {
        if (closed) {
            return CompletableFuture.failedFuture(stopped());
        }
        if (sending < connections) {
            sending++;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        waiting.add(turn);
        return turn.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).exceptionally(failure -> {
            throw failure instanceof TimeoutException
                    ? new Busy("All " + connections + " connections to the server stayed busy for " + wait.toSeconds()
                            + " s; not sent")
                    : new CompletionException(failure);
        });
    }

    /** Sends nothing more: deliveries still waiting for their turn fail as {@link Busy}, unsent. */
    void close() {
        List<CompletableFuture<Void>> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(waiting);
            waiting.clear();
        }
        left.forEach(turn -> turn.completeExceptionally(stopped()));
    }

    private static Busy stopped() {
        return new Busy("This replica stopped sending; not sent");
    }

    /** A send ended: its connection goes to the longest waiting delivery that still waits. */
    private void passTurnOn() {
        CompletableFuture<Void> next;
        synchronized (this) {
            if (sending > connections) { // the lane shrank: this connection is not handed on
                sending--;
                return;
            }
            do {
                next = waiting.poll();
            } while (next != null && next.isDone());
            if (next == null) {
                sending--;
                return;
            }
        }
        if (!next.complete(null)) {
            passTurnOn(); // it timed out just now: the next in line gets the turn
        }
    }

    synchronized int connections() {
        return connections;
    }

    int initialConnections() {
        return initialConnections;
    }

    /** One connection fewer at once, down to one: the deliveries already sending finish, no new one takes its place. */
    synchronized void shrink() {
        narrow(connections - 1);
    }

    /**
     * The server refused a connection of a delivery that holds a turn (421 at the greeting, or no TCP connection):
     * the lane keeps no more connections than the others it has open, at least one, and one fewer at the least.
     */
    synchronized void tooManyConnections() {
        narrow(Math.min(connections - 1, sending - 1));
    }

    private void narrow(int to) {
        connections = Math.max(1, to);
        narrowedAt = System.nanoTime();
    }

    /** A delivery went well: a lane narrowed for a quiet interval tries one connection more, up to its own number. */
    private void widen() {
        CompletableFuture<Void> next;
        synchronized (this) {
            if (connections >= initialConnections || System.nanoTime() - narrowedAt < regrow.toNanos()) {
                return;
            }
            narrowedAt = System.nanoTime();
            connections++;
            do {
                next = waiting.poll();
            } while (next != null && next.isDone());
            if (next == null) {
                return;
            }
            sending++;
        }
        if (!next.complete(null)) {
            passTurnOn();
        }
    }

    boolean idleFor(Duration idle) {
        return System.nanoTime() - lastUsed > idle.toNanos();
    }
}
