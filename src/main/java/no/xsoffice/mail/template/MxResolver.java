package no.xsoffice.mail.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.spi.InitialContextFactory;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The one place where this service asks DNS for MX records, and the seam tests replace. It uses the
 * JDK's DNS provider for JNDI with its own timeout and a single try per name server; a caller also
 * stops waiting at the configured timeout, whatever the number of name servers. Any failure, a
 * missing domain or a slow answer is "no MX hosts": a lookup helps the user, it never fails a request.
 *
 * <p>Quarkus turns JNDI's {@code InitialContext} off, so the DNS context factory is taken from the
 * JDK's service providers directly rather than through {@code InitialDirContext}.
 */
@ApplicationScoped
public class MxResolver {

    private static final Logger LOG = Logger.getLogger(MxResolver.class);
    private static final String DNS_FACTORY = "com.sun.jndi.dns.DnsContextFactory";
    static final int MAX_LOOKUPS = 8;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final TemplateConfig config;
    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(0, MAX_LOOKUPS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "mail-mx-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    public MxResolver(TemplateConfig config) {
        this.config = config;
    }

    /** The MX hosts of {@code domain}, most preferred first, lower-case and without the final dot; empty when there are none or DNS does not answer in time. */
    public List<String> mxHosts(String domain) {
        long timeout = config.mxTimeout().toMillis();
        Future<List<String>> answer;
        try {
            answer = lookups.submit(() -> query(domain, timeout));
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
    List<String> query(String domain, long timeoutMillis) throws NamingException {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, DNS_FACTORY);
        env.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(1, timeoutMillis)));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        DirContext dns = (DirContext) dnsFactory().getInitialContext(env);
        try {
            Attribute mx = dns.getAttributes(domain, new String[] { "MX" }).get("MX");
            return mx == null ? List.of() : hosts(mx);
        } catch (NameNotFoundException e) {
            return List.of();
        } finally {
            dns.close();
        }
    }

    /** Orders "10 aspmx.l.google.com." records by preference; the null MX "0 ." (RFC 7505) is no host. */
    static List<String> hosts(Attribute mx) throws NamingException {
        record Record(int preference, String host) {
        }
        List<Record> records = new ArrayList<>();
        NamingEnumeration<?> values = mx.getAll();
        while (values.hasMore()) {
            String[] parts = values.next().toString().trim().split("\\s+");
            if (parts.length != 2) {
                continue;
            }
            String host = parts[1].toLowerCase(Locale.ROOT);
            host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            try {
                if (!host.isEmpty()) {
                    records.add(new Record(Integer.parseInt(parts[0]), host));
                }
            } catch (NumberFormatException e) {
                // not an MX record as RFC 1035 writes it; skip it
            }
        }
        return records.stream().sorted(Comparator.comparingInt(Record::preference)).map(Record::host).toList();
    }

    private static InitialContextFactory dnsFactory() throws NamingException {
        return ServiceLoader.load(ModuleLayer.boot(), InitialContextFactory.class).stream()
                .filter(provider -> provider.type().getName().equals(DNS_FACTORY))
                .findFirst()
                .orElseThrow(() -> new NamingException("the JDK's DNS provider (module jdk.naming.dns) is missing"))
                .get();
    }

    @PreDestroy
    void stop() {
        lookups.shutdownNow();
    }
}
