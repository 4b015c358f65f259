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
 * Delivers the outbox: on every replica, a few threads each claim due messages in batches, hand them to
 * the courier all at once, and record the outcomes in one transaction. It wakes when mail is accepted and polls otherwise.
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
    private final List<Thread> threads = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong lastExpiry = new java.util.concurrent.atomic.AtomicLong();

    public Dispatcher(Outbox outbox, Courier courier, TransportResolver resolver, SendConfig config) {
        this.outbox = outbox;
        this.courier = courier;
        this.resolver = resolver;
        this.config = config.delivery();
    }

    void start(@Observes StartupEvent event) {
        if (config.lease().compareTo(config.deadline().multipliedBy(2)) < 0) {
            throw new IllegalStateException("MAIL_DELIVERY_LEASE (" + config.lease() + ") must be at least twice"
                    + " MAIL_DELIVERY_DEADLINE (" + config.deadline() + "): a claim must outlast its deliveries,"
                    + " or another dispatcher takes it over and the mail goes out twice");
        }
        running = true;
        for (int i = 0; i < config.threads(); i++) {
            Thread thread = new Thread(this::run, "outbox-dispatcher-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        LOG.infof("Outbox dispatcher %s started with %d thread(s)", replica, config.threads());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeUp();
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
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
        List<Outbox.Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
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
                    new Outbox.Outcome(id, replicaName, transport, resolvedAt, result))));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        outbox.recordAll(outcomes);
        LOG.debugf("Dispatched %d message(s)", claimed.size());
        return claimed.size();
    }

    private void expireNowAndThen() {
        long now = System.currentTimeMillis();
        long last = lastExpiry.get();
        if (now - last > EXPIRY_EVERY_MS && lastExpiry.compareAndSet(last, now)) {
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
