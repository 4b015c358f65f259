package no.xsoffice.mail.smtpclient;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place where this service asks DNS for an address, so that no lookup can hang a caller
 * beyond its timeout. The system resolver cannot be interrupted, so a lookup runs on a daemon
 * thread of a small bounded pool; a caller stops waiting at the timeout, and when every thread is
 * stuck on a slow name, further lookups fail at once rather than pile up threads.
 */
@ApplicationScoped
public class HostResolver {

    static final int MAX_LOOKUPS = 16;

    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(0, MAX_LOOKUPS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemonThreads());

    /**
     * All addresses of {@code host}, in the resolver's order.
     *
     * @throws UnknownHostException when the name does not resolve, resolves to nothing, or the
     *         answer takes longer than {@code timeout}
     */
    public List<InetAddress> resolve(String host, Duration timeout) throws UnknownHostException {
        if (host == null || host.isBlank()) {
            // InetAddress answers the blank name with loopback instead of failing
            throw new UnknownHostException("no host name given");
        }
        Future<InetAddress[]> answer;
        try {
            answer = lookups.submit(() -> lookup(host));
        } catch (RejectedExecutionException e) {
            throw new UnknownHostException(host + ": too many DNS lookups in progress");
        }
        try {
            InetAddress[] addresses = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (addresses.length == 0) {
                throw new UnknownHostException(host + ": no addresses");
            }
            return List.of(addresses);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new UnknownHostException(host + ": no DNS answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw (UnknownHostException) new UnknownHostException(host + ": lookup failed").initCause(e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": lookup interrupted");
        }
    }

    /** The blocking system lookup; tests override it to stand in for DNS. */
    InetAddress[] lookup(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }

    @PreDestroy
    void stop() {
        lookups.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "mail-dns-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
