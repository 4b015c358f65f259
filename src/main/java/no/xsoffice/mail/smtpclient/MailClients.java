package no.xsoffice.mail.smtpclient;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * One SMTP client per distinct server configuration, built at run time from stored settings. Connections are
 * kept open and reused across messages; a client is closed when its owner's settings change or when it has been
 * idle for a while. An XOAUTH2 endpoint carries its access token as the password, so a new token makes a new
 * client and closes the old one.
 */
@Startup // reads MAIL_TRANSPORT_TRUST_CERTS: a bad file stops the start, not every delivery
@ApplicationScoped
public class MailClients {

    private static final Logger LOG = Logger.getLogger(MailClients.class);
    private static final Duration IDLE = Duration.ofMinutes(5);
    private final SmtpSession.Options options;
    private final ExecutorService senders = Executors.newCachedThreadPool(daemons("smtp-delivery"));
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(daemons("smtp-deadlines"));
    private final Map<SmtpEndpoint, SmtpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, SmtpEndpoint> byOwner = new ConcurrentHashMap<>();

    public MailClients(TransportConfig config, SmtpConfig smtp) {
        this.options = new SmtpSession.Options(ehloName(smtp), config.connectTimeout(), timeouts(config), tls(config));
        LOG.infof("SMTP deliveries greet servers as %s", options.ehloName());
    }

    /**
     * The client for this server, with at most {@code connections} at once; a client the owner used before with
     * other settings is closed.
     */
    public SmtpClient clientFor(String owner, SmtpEndpoint endpoint, int connections) {
        SmtpEndpoint previous = byOwner.put(owner, endpoint);
        if (previous != null && !previous.equals(endpoint) && !byOwner.containsValue(previous)) {
            close(previous);
        }
        SmtpClient client = clients.computeIfAbsent(endpoint, e -> newClient(e, connections));
        if (client.connections() != connections) { // the owner's limits changed
            SmtpClient resized = newClient(endpoint, connections);
            if (clients.replace(endpoint, client, resized)) {
                client.close();
                return resized;
            }
            return clients.getOrDefault(endpoint, resized);
        }
        return client;
    }

    private SmtpClient newClient(SmtpEndpoint endpoint, int connections) {
        return new SmtpClient(endpoint, options, new ServerLane(Math.max(1, connections), senders, deadlines));
    }

    /** The name this service greets SMTP servers with, in deliveries and in the connection test. */
    public String ehloName() {
        return options.ehloName();
    }

    void close(SmtpEndpoint endpoint) {
        SmtpClient client = clients.remove(endpoint);
        if (client != null) {
            client.close();
        }
    }

    /** On shutdown, before this replica's claims are released: nothing waiting for a connection is sent after. */
    public void stopSending() {
        clients.values().forEach(SmtpClient::stopSending);
    }

    public int size() {
        return clients.size();
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeIdle() {
        clients.forEach((endpoint, client) -> {
            if (client.idleFor(IDLE)) {
                LOG.debugf("Closing idle mail client for %s", endpoint);
                close(endpoint);
            } else {
                client.closeStale();
            }
        });
    }

    @PreDestroy
    void closeAll() {
        clients.keySet().forEach(this::close);
        senders.shutdownNow();
        deadlines.shutdownNow();
    }

    /**
     * MAIL_SMTP_EHLO_NAME, else the machine's fully qualified name, else its address as a literal: never
     * {@code localhost}, which strict servers refuse and spam filters score.
     */
    static String ehloName(SmtpConfig smtp) {
        if (smtp.ehloName().isPresent() && !smtp.ehloName().get().isBlank()) {
            return smtp.ehloName().get().strip();
        }
        try {
            InetAddress local = InetAddress.getLocalHost();
            String name = local.getCanonicalHostName().toLowerCase(Locale.ROOT);
            if (name.contains(".") && !name.startsWith("localhost") && !SmtpEndpoint.isIpLiteral(name)) {
                return name;
            }
            return local.getAddress().length == 4 ? "[" + local.getHostAddress() + "]"
                    : "[IPv6:" + local.getHostAddress().replaceAll("%.*", "") + "]";
        } catch (UnknownHostException e) {
            return "[127.0.0.1]";
        }
    }

    /** Every wait of a delivery; the delivery's deadline still bounds them all. */
    static SmtpSession.Timeouts timeouts(TransportConfig config) {
        return new SmtpSession.Timeouts(config.greetingTimeout(), config.mailTimeout(), config.rcptTimeout(),
                config.dataTimeout(), config.dataBlockTimeout(), config.endOfDataTimeout(), config.readTimeout());
    }

    private static SSLContext tls(TransportConfig config) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, TrustedCertificates.factory(config).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
