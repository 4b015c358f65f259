package no.xsoffice.mail.send;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.suppression.SuppressionView;
import no.xsoffice.mail.suppression.Suppressions;
import no.xsoffice.mail.transport.Transport;
import no.xsoffice.mail.transport.TransportKind;
import no.xsoffice.mail.transport.TransportResolver;

/**
 * Delivers the outbox: on every replica, a few threads claim due messages in batches and hand them to the
 * courier; a recorder writes the outcomes as they arrive, many in one transaction. It wakes when mail is accepted and polls otherwise.
 * It claims only while its {@link Heartbeat} tells the other replicas it is alive, so that they leave its claims alone.
 * On shutdown it stops claiming, lets the batch in flight finish, releases what is left, and leaves the replicas.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final long EXPIRY_EVERY_MS = 60_000;
    static final String PRE_DELIVERY_FAULT = "Not sent yet: the delivery could not start because of a fault in the"
            + " mail service, which its operators can see in its log; it is tried again later";
    static final String ALL_SUPPRESSED = "Not sent: every recipient left is on the organisation's suppression list";

    private final Outbox outbox;
    private final Courier courier;
    private final TransportResolver resolver;
    private final Heartbeat heartbeat;
    private final DeliveryMetrics metrics;
    private final Suppressions suppressions;
    private final SendConfig.Delivery config;
    private final String replica = replicaName();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();
    private Thread recorder;
    private final int capacity;
    /** Room for deliveries in flight on this replica: one batch per dispatcher thread. */
    private final Semaphore inFlight;
    private final BlockingQueue<Outbox.Outcome> finished = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicLong lastExpiry = new java.util.concurrent.atomic.AtomicLong();

    public Dispatcher(Outbox outbox, Courier courier, TransportResolver resolver, Heartbeat heartbeat,
            SendConfig config, DeliveryMetrics metrics, Suppressions suppressions) {
        this.metrics = metrics;
        this.suppressions = suppressions;
        this.outbox = outbox;
        this.courier = courier;
        this.resolver = resolver;
        this.heartbeat = heartbeat;
        this.config = config.delivery();
        this.capacity = this.config.threads() * this.config.batchSize();
        this.inFlight = new Semaphore(capacity);
    }

    void start(@Observes StartupEvent event) {
        if (config.lease().compareTo(config.deadline().multipliedBy(3)) < 0) {
            throw new IllegalStateException("MAIL_DELIVERY_LEASE (" + config.lease() + ") must be at least three times"
                    + " MAIL_DELIVERY_DEADLINE (" + config.deadline() + "): a claim must outlast its deliveries (a wait"
                    + " for room, a wait for a connection, then the delivery), or another dispatcher takes it over"
                    + " and the mail goes out twice");
        }
        heartbeat.start(replica);
        running = true;
        for (int i = 0; i < config.threads(); i++) {
            threads.add(daemon("outbox-dispatcher-" + i, this::run));
        }
        recorder = daemon("outbox-recorder", this::record);
        LOG.infof("Outbox dispatcher %s started with %d thread(s)", replica, config.threads());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeUp();
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (inFlight.availablePermits() < capacity && System.nanoTime() < deadline) {
            Thread.sleep(50); // deliveries in flight finish and are recorded
        }
        recorder.interrupt();
        courier.stopSending();
        try {
            int released = outbox.release(replica);
            LOG.infof("Outbox dispatcher %s stopped; %d unfinished claim(s) returned to the queue", replica, released);
        } finally {
            heartbeat.stop(replica); // without its row, whatever was not released is free for the others at once
        }
    }

    /** This replica's name, as its claims and its heartbeat carry it. */
    String replica() {
        return replica;
    }

    void wakeUp(@Observes MessageAccepted accepted) {
        wakeUp();
    }

    private void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notify();
        }
    }

    /**
     * A dispatcher thread: claims a batch whenever there is room for one, starts its deliveries and
     * goes on; outcomes are recorded as they arrive, so one slow server never holds up other mail.
     */
    private void run() {
        int batch = config.batchSize();
        List<UUID> notStarted = new ArrayList<>();
        while (running) {
            try {
                inFlight.acquire(batch);
            } catch (InterruptedException e) {
                return;
            }
            int started = 0;
            try {
                expireNowAndThen();
                giveBack(notStarted);
                if (heartbeat.alive()) {
                    started = claimAndDeliver(replica, batch, finished::add, notStarted::add).size();
                }
            } catch (RuntimeException e) {
                LOG.warnf("Outbox dispatcher: %s; trying again shortly", e.getMessage());
            } finally {
                inFlight.release(batch - started);
            }
            if (started < batch) {
                idle();
            }
        }
    }

    /** The recorder thread: writes the outcomes that have arrived, many in one transaction. */
    private void record() {
        List<Outbox.Outcome> outcomes = new ArrayList<>();
        List<UUID> unrecorded = new ArrayList<>();
        while (running || inFlight.availablePermits() < capacity) {
            try {
                outcomes.add(finished.take());
                linger();
            } catch (InterruptedException e) {
                return;
            }
            finished.drainTo(outcomes, capacity);
            try {
                giveBack(unrecorded);
                unrecorded.addAll(outbox.recordAll(outcomes));
            } catch (RuntimeException e) {
                LOG.warnf("Outcomes not recorded (they return to the queue once the database answers): %s", e.getMessage());
                outcomes.forEach(outcome -> unrecorded.add(outcome.id()));
            }
            inFlight.release(outcomes.size());
            outcomes.clear();
        }
    }

    /**
     * Claims up to {@code limit} due messages and starts delivering them; each outcome goes to {@code finished}, and
     * the id of each message whose delivery could not start to {@code notStarted}.
     */
    private List<CompletableFuture<Void>> claimAndDeliver(String replicaName, int limit,
            Consumer<Outbox.Outcome> finished, Consumer<UUID> notStarted) {
        List<OutboxMessage> claimed = outbox.claim(replicaName, limit);
        Instant resolvedAt = Instant.now();
        Map<String, Map<String, SuppressionView>> listed;
        try {
            listed = listed(claimed);
        } catch (RuntimeException e) {
            LOG.warnf("%d claimed message(s) not delivered now (they return to the queue): the suppression list could"
                    + " not be read: %s", claimed.size(), e.getMessage());
            claimed.forEach(message -> notStarted.accept(message.id));
            return List.of();
        }
        Map<UserRef, Transport> transports = new HashMap<>();
        List<CompletableFuture<Void>> deliveries = new ArrayList<>();
        for (OutboxMessage message : claimed) {
            UUID id = message.id;
            try {
                Transport transport = transports.computeIfAbsent(new UserRef(message.orgId, message.userId),
                        resolver::resolve);
                CompletableFuture<DeliveryResult> delivery;
                try {
                    delivery = transport.credentialsValid()
                            ? deliverUnlessSuppressed(message, transport, listed.getOrDefault(message.orgId, Map.of()))
                            : CompletableFuture.completedFuture(DeliveryResult.HELD);
                } catch (RuntimeException fault) {
                    delivery = CompletableFuture.failedFuture(fault);
                }
                deliveries.add(delivery.exceptionally(fault -> fault(id, fault)).thenAccept(result -> finished.accept(
                        new Outbox.Outcome(id, replicaName, transport, resolvedAt, result))));
            } catch (RuntimeException e) {
                LOG.warnf("Message %s not delivered now (it returns to the queue): %s", id, e.getMessage());
                notStarted.accept(id);
            }
        }
        return deliveries;
    }

    /**
     * Through the relay or the organisation's server, recipients put on the suppression list since the message was
     * accepted are not tried either (they become SUPPRESSED); a message with no recipient left to try is not sent.
     */
    private CompletableFuture<DeliveryResult> deliverUnlessSuppressed(OutboxMessage message, Transport transport,
            Map<String, SuppressionView> listed) {
        if (transport.kind() != TransportKind.USER && message.waitingRecipients().stream()
                .anyMatch(a -> listed.containsKey(Suppressions.normalise(a)))) {
            outbox.suppress(message, listed);
        }
        if (message.waitingRecipients().isEmpty()) {
            return CompletableFuture.completedFuture(DeliveryResult.of(DeliveryResult.Kind.PERMANENT, null, ALL_SUPPRESSED));
        }
        return courier.deliver(message, transport);
    }

    /** The suppression list's entries for the waiting recipients of a claimed batch, in one query, by organisation. */
    private Map<String, Map<String, SuppressionView>> listed(List<OutboxMessage> claimed) {
        Map<String, Set<String>> waiting = new HashMap<>();
        for (OutboxMessage message : claimed) {
            waiting.computeIfAbsent(message.orgId, o -> new HashSet<>()).addAll(message.waitingRecipients());
        }
        return suppressions.among(waiting);
    }

    /**
     * A fault of this replica before the SMTP session began (configuration, a bug): an attempt like any other, with
     * its backoff and a reason for people, never a claim given back to be taken again at once; the cause is logged.
     */
    private DeliveryResult fault(UUID id, Throwable fault) {
        LOG.errorf(fault, "Message %s: its delivery could not start on this replica; it is tried again after the backoff", id);
        metrics.deliveryFault();
        return DeliveryResult.of(DeliveryResult.Kind.TRANSIENT, null, PRE_DELIVERY_FAULT);
    }

    /**
     * Returns to the queue claims of this replica whose delivery could not start, or whose outcome could not be
     * recorded (the database failed under them, say), as soon as the database takes it: they are this replica's,
     * so neither its heartbeat nor anybody else frees them before their lease ends. One that was delivered but not
     * recorded goes out again with the same Message-ID (at least once).
     */
    private void giveBack(List<UUID> claims) {
        if (claims.isEmpty()) {
            return;
        }
        int returned = outbox.release(replica, claims);
        claims.clear();
        LOG.infof("%d claimed message(s) returned to the queue after a database failure", returned);
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

    /** Waits for a wake-up or the next poll; after a wake-up, lingers so that the claim takes what arrives meanwhile. */
    private void idle() {
        boolean wasWoken;
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(config.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                    return;
                }
            }
            wasWoken = woken;
            woken = false;
        }
        if (wasWoken && running) {
            try {
                linger();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void linger() throws InterruptedException {
        Thread.sleep(config.linger().toMillis());
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
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
