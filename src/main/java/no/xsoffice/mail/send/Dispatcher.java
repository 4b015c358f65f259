package no.xsoffice.mail.send;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.transport.Transport;
import no.xsoffice.mail.transport.TransportResolver;

/**
 * Delivers the outbox: on every replica, one thread claims due messages in batches, hands them to the
 * courier all at once, and records each outcome. It wakes when mail is accepted and polls otherwise.
 * On shutdown it stops claiming, lets the batch in flight finish, and releases what is left.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final long EXPIRY_EVERY_MS = 60_000;

    private final Outbox outbox;
    private final Courier courier;
    private final TransportResolver resolver;
    private final SendConfig.Delivery config;
    private final String replica = replicaName();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    private long lastExpiry;

    public Dispatcher(Outbox outbox, Courier courier, TransportResolver resolver, SendConfig config) {
        this.outbox = outbox;
        this.courier = courier;
        this.resolver = resolver;
        this.config = config.delivery();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "outbox-dispatcher");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Outbox dispatcher %s started", replica);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeUp();
        thread.join(config.shutdownGrace().toMillis());
        int released = outbox.release(replica);
        LOG.infof("Outbox dispatcher %s stopped; %d unfinished claim(s) returned to the queue", replica, released);
    }

    /** New mail was accepted: look now rather than at the next poll. */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                if (dispatchBatch(replica) < config.batchSize()) {
                    idle();
                }
            } catch (RuntimeException e) {
                LOG.warnf("Outbox dispatcher: %s; trying again shortly", e.getMessage());
                idle();
            }
        }
    }

    /** Claims one batch for {@code replicaName}, delivers it, records the outcomes; answers how many were claimed. */
    int dispatchBatch(String replicaName) {
        expireNowAndThen();
        List<OutboxMessage> claimed = outbox.claim(replicaName, config.batchSize());
        if (claimed.isEmpty()) {
            return 0;
        }
        Instant resolvedAt = Instant.now();
        Map<UserRef, Transport> transports = new HashMap<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        List<Runnable> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (OutboxMessage message : claimed) {
            UserRef user = new UserRef(message.orgId, message.userId);
            UUID id = message.id;
            Transport transport;
            try {
                transport = transports.computeIfAbsent(user, resolver::resolve);
            } catch (RuntimeException e) {
                LOG.warnf("No transport for message %s: %s", id, e.getMessage());
                continue; // the lease returns it to the queue
            }
            inFlight.add(courier.deliver(message, transport).thenAccept(result -> outcomes.add(
                    () -> outbox.record(id, replicaName, transport, resolvedAt, result))));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        for (Runnable outcome : outcomes) {
            try {
                outcome.run();
            } catch (RuntimeException e) {
                LOG.warnf("Could not record a delivery outcome (the lease returns the message to the queue): %s",
                        e.getMessage());
            }
        }
        LOG.debugf("Dispatched %d message(s)", claimed.size());
        return claimed.size();
    }

    private void expireNowAndThen() {
        long now = System.currentTimeMillis();
        if (now - lastExpiry > EXPIRY_EVERY_MS) {
            lastExpiry = now;
            int expired = outbox.expire();
            if (expired > 0) {
                LOG.infof("%d message(s) reached the maximum age and failed", expired);
            }
        }
    }

    private void idle() {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(config.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private static String replicaName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "replica";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
