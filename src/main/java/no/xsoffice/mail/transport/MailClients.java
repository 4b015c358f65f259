package no.xsoffice.mail.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import no.xsoffice.mail.smtp.AuthMethod;
import no.xsoffice.mail.smtp.SmtpSecurity;

/**
 * One pooled Vert.x mail client per distinct SMTP configuration, built at run time from stored
 * settings. Connections are kept alive and reused across messages; a client is closed when its
 * owner's settings change or when it has been idle for a while. An XOAUTH2 endpoint carries its
 * access token as the password, so a new token makes a new client and closes the old one.
 */
@ApplicationScoped
public class MailClients {

    private static final Logger LOG = Logger.getLogger(MailClients.class);
    private static final Duration IDLE = Duration.ofMinutes(5);
    /** Connections at once to one user's or organisation's server: polite to providers that limit them. */
    static final int CONNECTIONS_PER_SERVER = 8;

    private final Vertx vertx;
    private final TransportConfig config;
    private final SystemRelayConfig relay;
    private final TrustOptions trust;
    private final Map<SmtpEndpoint, ServerLane> clients = new ConcurrentHashMap<>();
    private final Map<String, SmtpEndpoint> byOwner = new ConcurrentHashMap<>();

    public MailClients(Vertx vertx, TransportConfig config, SystemRelayConfig relay) {
        this.vertx = vertx;
        this.config = config;
        this.relay = relay;
        this.trust = TrustedCertificates.load(config);
    }

    /** The lane to this server; a client the owner used before with other settings is closed. */
    public ServerLane laneFor(String owner, SmtpEndpoint endpoint) {
        SmtpEndpoint previous = byOwner.put(owner, endpoint);
        if (previous != null && !previous.equals(endpoint) && !byOwner.containsValue(previous)) {
            close(previous);
        }
        return clients.computeIfAbsent(endpoint, e -> {
            MailConfig mail = configFor(e);
            return new ServerLane(MailClient.create(vertx, mail), mail.getMaxPoolSize());
        });
    }

    void close(SmtpEndpoint endpoint) {
        ServerLane lane = clients.remove(endpoint);
        if (lane != null) {
            lane.close();
            lane.client().close();
        }
    }

    /** On shutdown, before this replica's claims are released: nothing waiting for a connection is sent after. */
    public void stopSending() {
        clients.values().forEach(ServerLane::close);
    }

    public int size() {
        return clients.size();
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeIdle() {
        clients.forEach((endpoint, lane) -> {
            if (lane.idleFor(IDLE)) {
                LOG.debugf("Closing idle mail client for %s", endpoint);
                close(endpoint);
            }
        });
    }

    @PreDestroy
    void closeAll() {
        clients.keySet().forEach(this::close);
    }

    MailConfig configFor(SmtpEndpoint e) {
        MailConfig mail = new MailConfig()
                .setHostname(e.host())
                .setPort(e.port())
                .setSsl(e.security() == SmtpSecurity.SSL_TLS)
                .setStarttls(e.security() == SmtpSecurity.STARTTLS ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
                // Left unset on purpose: the pool turns an unset algorithm into HTTPS for SSL and STARTTLS,
                // but an explicitly set one into "" (no host-name check) in vertx-mail-client 4.5.
                .setTrustAll(false)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSslHandshakeTimeout(config.connectTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setIdleTimeout((int) config.readTimeout().toSeconds())
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) IDLE.toSeconds())
                .setMaxPoolSize(e.guarded() ? CONNECTIONS_PER_SERVER : relay.connections())
                .setPipelining(true)
                .setAllowRcptErrors(true)
                .setLogin(e.username() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
                .setUsername(e.username())
                .setPassword(e.password());
        if (e.authMethod() == AuthMethod.XOAUTH2) {
            mail.setAuthMethods("XOAUTH2");
        }
        if (trust != null) {
            mail.setTrustOptions(trust);
        }
        return mail;
    }
}
