package no.xsoffice.mail.send;

import java.time.Duration;
import java.time.Instant;
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
import no.xsoffice.mail.transport.MailClients;
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

    public DeliveryMetrics(MeterRegistry registry, EntityManager em, MailClients clients) {
        this.registry = registry;
        this.em = em;
        Gauge.builder("xsmail.outbox.queued", queued, AtomicLong::get)
                .description("Messages waiting for delivery (queued, retrying or held)").register(registry);
        Gauge.builder("xsmail.outbox.oldest.queued.age", oldestQueuedSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest message waiting for delivery").register(registry);
        Gauge.builder("xsmail.mail.clients", clients, MailClients::size)
                .description("Pooled SMTP clients, one per distinct server configuration").register(registry);
    }

    void accepted(TransportKind transport) {
        counter("xsmail.messages.accepted", transport).increment();
    }

    /** Counts how an attempt ended; a final outcome also times the whole way from acceptance. */
    void attempted(TransportKind transport, MessageStatus outcome, Instant acceptedAt) {
        switch (outcome) {
            case SENT -> {
                counter("xsmail.messages.sent", transport).increment();
                Timer.builder("xsmail.delivery.latency").description("From acceptance to the server taking the message")
                        .tag("transport", transport.name()).publishPercentileHistogram().register(registry)
                        .record(Duration.between(acceptedAt, Instant.now()));
            }
            case FAILED -> counter("xsmail.messages.failed", transport).increment();
            default -> counter("xsmail.messages.retried", transport).increment();
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

    private Counter counter(String name, TransportKind transport) {
        return Counter.builder(name).tag("transport", transport.name()).register(registry);
    }
}
