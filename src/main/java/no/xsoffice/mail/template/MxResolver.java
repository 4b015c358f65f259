package no.xsoffice.mail.template;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import no.xsoffice.mail.dns.Dns;

/**
 * The one place where the template lookup asks DNS for MX records, and the seam tests replace. It asks through
 * {@link Dns}, so through the resolvers of {@code MAIL_DNS_SERVERS} (else the system's) with one try of
 * {@code MAIL_DNS_TIMEOUT} each; a caller stops waiting at {@code MAIL_TEMPLATES_MX_TIMEOUT}, whatever the number
 * of resolvers, and at most {@value #MAX_LOOKUPS} look-ups run at once. Any failure, a missing domain or a slow
 * answer is "no MX hosts": a lookup helps the user, it never fails a request.
 */
@ApplicationScoped
public class MxResolver {

    private static final Logger LOG = Logger.getLogger(MxResolver.class);
    static final int MAX_LOOKUPS = 8;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final TemplateConfig config;
    private final Dns dns;
    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(0, MAX_LOOKUPS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "mail-mx-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    public MxResolver(TemplateConfig config, Dns dns) {
        this.config = config;
        this.dns = dns;
    }

    /** The MX hosts of {@code domain}, most preferred first, lower-case and without the final dot; empty when there are none or DNS does not answer in time. */
    public List<String> mxHosts(String domain) {
        long timeout = config.mxTimeout().toMillis();
        Future<List<String>> answer;
        try {
            answer = lookups.submit(() -> query(domain));
        } catch (RejectedExecutionException e) {
            LOG.warnf("MX lookup for %s skipped: %d lookups already in progress", domain, MAX_LOOKUPS);
            return List.of();
        }
        try {
            return answer.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.infof("No MX answer for %s within %d ms", domain, timeout);
        } catch (ExecutionException e) {
            LOG.infof("MX lookup for %s failed: %s", domain, e.getCause().toString());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
        }
        return List.of();
    }

    /** The blocking DNS query. */
    List<String> query(String domain) throws Dns.Failure {
        return dns.mx(domain);
    }

    @PreDestroy
    void stop() {
        lookups.shutdownNow();
    }
}
