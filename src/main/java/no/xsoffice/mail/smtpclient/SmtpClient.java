package no.xsoffice.mail.smtpclient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The connections to one server with one set of credentials: a {@link ServerLane} of turns, and the sessions
 * kept open between messages so that a stream of mail does not greet and sign in for every one.
 */
public final class SmtpClient {

    /** A connection unused for longer is not trusted to be open still: servers drop idle clients. */
    static final Duration REUSE_WITHIN = Duration.ofSeconds(30);

    private final SmtpEndpoint endpoint;
    private final SmtpSession.Options options;
    private final ServerLane lane;
    private final Deque<SmtpSession> idle = new ArrayDeque<>();
    private boolean closed;

    SmtpClient(SmtpEndpoint endpoint, SmtpSession.Options options, ServerLane lane) {
        this.endpoint = endpoint;
        this.options = options;
        this.lane = lane;
    }

    /**
     * Delivers one message when a connection is free (waiting at most {@code wait}); {@code body} is read only
     * then. The delivery has {@code deadline} from when it starts; a server still busy with it then is cut off.
     * A new connection goes to {@code address}, the one the SSRF guard checked (null: by name, for a trusted server).
     */
    public CompletableFuture<SmtpSession.Delivered> send(String mailFrom, List<String> recipients, Callable<byte[]> body,
            InetAddress address, Duration wait, Duration deadline) {
        Attempt attempt = new Attempt(address);
        return lane.send(() -> attempt.deliver(mailFrom, recipients, body.call()), attempt::abort, wait, deadline)
                .exceptionally(failure -> {
                    throw new CompletionException(attempt.explain(failure, deadline));
                });
    }

    /** One delivery on a kept connection, or on a new one when the kept one turns out to be closed. */
    private final class Attempt {
        private final InetAddress address;
        private volatile SmtpSession session;
        private volatile boolean aborted;

        Attempt(InetAddress address) {
            this.address = address;
        }

        SmtpSession.Delivered deliver(String mailFrom, List<String> recipients, byte[] mime)
                throws IOException, SmtpRefusal {
            SmtpSession kept = take();
            if (kept != null) {
                try {
                    return on(kept, mailFrom, recipients, mime);
                } catch (IOException | SmtpRefusal e) {
                    if (kept.started() || kept.reusable() || aborted) {
                        throw e;
                    }
                    // the server had closed the kept connection (or said 421) before the message: once more on a new one
                }
            }
            return on(open(), mailFrom, recipients, mime);
        }

        private SmtpSession open() throws IOException, SmtpRefusal {
            if (aborted) {
                throw new IOException("The delivery was cut off at its deadline");
            }
            try {
                return SmtpSession.open(endpoint, address, options);
            } catch (ConnectException e) {
                lane.tooManyConnections();
                throw e;
            } catch (SmtpRefusal e) {
                if (e.stage().equals("CONNECT") && e.reply().code() == 421) {
                    lane.tooManyConnections(); // "too many connections from …", before a word was said
                }
                throw e;
            }
        }

        private SmtpSession.Delivered on(SmtpSession current, String mailFrom, List<String> recipients, byte[] mime)
                throws IOException, SmtpRefusal {
            session = current;
            if (aborted) {
                current.close();
                throw new IOException("The delivery was cut off at its deadline");
            }
            try {
                SmtpSession.Delivered delivered = current.send(mailFrom, recipients, mime);
                giveBack(current);
                return delivered;
            } catch (SmtpRefusal refusal) {
                giveBack(current);
                throw refusal;
            } catch (IOException | RuntimeException e) {
                current.close();
                throw e;
            }
        }

        /** A delivery cut off at its deadline while the server had the whole message: its outcome is unknown. */
        Throwable explain(Throwable failure, Duration deadline) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            SmtpSession current = session;
            if (cause instanceof TimeoutException && current != null && current.awaitingEndOfData()) {
                return new OutcomeUnknown(current.recipientReplies(), "no reply to the end of the data within the"
                        + " delivery's deadline of " + deadline.toSeconds() + " s", cause);
            }
            return cause;
        }

        void abort() {
            aborted = true;
            SmtpSession current = session;
            if (current != null) {
                current.close();
            }
        }
    }

    private synchronized SmtpSession take() {
        SmtpSession session;
        while ((session = idle.pollLast()) != null) {
            if (session.reusable() && session.idleNanos() < REUSE_WITHIN.toNanos()) {
                return session;
            }
            session.close();
        }
        return null;
    }

    private void giveBack(SmtpSession session) {
        synchronized (this) {
            if (!closed && session.reusable() && idle.size() < lane.connections()) {
                idle.addLast(session);
                return;
            }
        }
        session.quit();
    }

    /** Closes the kept connections that have been idle too long to be reused. */
    void closeStale() {
        List<SmtpSession> stale;
        synchronized (this) {
            stale = idle.stream().filter(s -> !s.reusable() || s.idleNanos() >= REUSE_WITHIN.toNanos()).toList();
            idle.removeAll(stale);
        }
        stale.forEach(SmtpSession::quit);
    }

    /** Starts nothing more: deliveries still waiting for a turn end unsent. */
    void stopSending() {
        lane.close();
    }

    void close() {
        List<SmtpSession> left;
        synchronized (this) {
            closed = true;
            left = List.copyOf(idle);
            idle.clear();
        }
        lane.close();
        left.forEach(SmtpSession::quit);
    }

    int connections() {
        return lane.initialConnections();
    }

    /**
     * The server said it has too many connections from this service (432 4.3.2) in a reply to the mail: one
     * fewer from now on. A refusal at the greeting (421) or of the connection narrows the lane by itself.
     */
    public void shrink() {
        lane.shrink();
    }

    boolean idleFor(Duration time) {
        return lane.idleFor(time);
    }
}
