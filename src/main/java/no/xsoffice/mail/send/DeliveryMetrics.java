package no.xsoffice.mail.send;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import no.xsoffice.mail.smtpclient.MailClients;
import no.xsoffice.mail.transport.TransportKind;

/**
 * The outbox's figures at {@code /q/metrics}: messages accepted, sent, failed and retried by
 * transport kind, queue depth and the age of the oldest waiting message, delivery latency from
 * acceptance, and the mail-client cache size. No label names a user, an address or a host.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private static final Logger LOG = Logger.getLogger(DeliveryMetrics.class);

    private final MeterRegistry registry;
    private final EntityManager em;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong oldestQueuedSeconds = new AtomicLong();
    private final Map<TransportKind, Counter> accepted;
    private final Map<TransportKind, Counter> sent;
    private final Map<TransportKind, Counter> failed;
    private final Map<TransportKind, Counter> retried;
    private final Map<TransportKind, Timer> latency = new EnumMap<>(TransportKind.class);
    private final Counter faults;

    public DeliveryMetrics(MeterRegistry registry, EntityManager em, MailClients clients) {
        this.registry = registry;
        this.em = em;
        this.accepted = counters("xsmail.messages.accepted");
        this.sent = counters("xsmail.messages.sent");
        this.failed = counters("xsmail.messages.failed");
        this.retried = counters("xsmail.messages.retried");
        this.faults = Counter.builder("xsmail.delivery.faults")
                .description("Deliveries that could not start because of a fault in this replica (configuration, a bug);"
                        + " when it grows and nothing is sent, the replica delivers nothing")
                .register(registry);
        for (TransportKind transport : TransportKind.values()) {
            latency.put(transport, Timer.builder("xsmail.delivery.latency")
                    .description("From acceptance to the server taking the message").tag("transport", transport.name())
                    .publishPercentileHistogram().register(registry));
        }
        Gauge.builder("xsmail.outbox.queued", queued, AtomicLong::get)
                .description("Messages waiting for delivery (queued, retrying or held)").register(registry);
        Gauge.builder("xsmail.outbox.oldest.queued.age", oldestQueuedSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest message waiting for delivery").register(registry);
        Gauge.builder("xsmail.mail.clients", clients, MailClients::size)
                .description("Pooled SMTP clients, one per distinct server configuration").register(registry);
    }

    void accepted(TransportKind transport) {
        accepted.get(transport).increment();
    }

    /** Counts how an attempt ended; a final outcome also times the whole way from acceptance. */
    void attempted(TransportKind transport, MessageStatus outcome, Instant acceptedAt) {
        switch (outcome) {
            case SENT -> {
                sent.get(transport).increment();
                latency.get(transport).record(Duration.between(acceptedAt, Instant.now()));
            }
            case FAILED -> failed.get(transport).increment();
            default -> retried.get(transport).increment();
        }
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refreshQueue() {
        try {
            Object[] row = (Object[]) em.createNativeQuery("""
                    select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)
                      from outbox_message where status in ('QUEUED', 'RETRYING')""").getSingleResult();
            queued.set(((Number) row[0]).longValue());
            oldestQueuedSeconds.set(((Number) row[1]).longValue());
        } catch (RuntimeException e) {
            LOG.debugf("Queue figures not refreshed: %s", e.getMessage());
        }
    }

    /** A delivery could not start because of a fault in this replica. */
    void deliveryFault() {
        faults.increment();
    }

    /** One counter per transport kind, registered up front so that each shows from the start, at zero. */
    private Map<TransportKind, Counter> counters(String name) {
        Map<TransportKind, Counter> counters = new EnumMap<>(TransportKind.class);
        for (TransportKind transport : TransportKind.values()) {
            counters.put(transport, Counter.builder(name).tag("transport", transport.name()).register(registry));
        }
        return counters;
    }
}
