package no.xsoffice.mail.send;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Forgets what the service no longer needs: a message's body {@code MAIL_RETENTION_BODY} after the message
 * became final (SENT, FAILED, CANCELLED), and the message with its attempts {@code MAIL_RETENTION_MESSAGE}
 * after. It runs every few minutes on every replica, in batches, each a short transaction that skips rows
 * someone else has locked: it never waits for a dispatcher or a request, nor they for it, and replicas
 * share the work. Idempotency keys live with their message, and must be remembered for at least 24 hours:
 * a shorter message period stops the service at start-up rather than being quietly lengthened.
 */
@ApplicationScoped
public class OutboxRetention {

    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);
    /** Rows per statement: each batch holds its row locks for a moment only. */
    static final int BATCH = 500;
    /** One run stops after this long; the next run goes on where it stopped. */
    private static final Duration BUDGET = Duration.ofSeconds(30);
    static final Duration KEYS_KEPT = Duration.ofHours(24);

    /** Messages final for longer than the message period; their attempts and body go with them (on delete cascade). */
    private static final String DELETE_MESSAGES = """
            delete from outbox_message where id in (
                select id from outbox_message
                 where status in ('SENT', 'FAILED', 'CANCELLED') and finished_at < now() - make_interval(secs => ?1)
                 order by finished_at
                 limit ?2
                 for update skip locked)""";

    /** Bodies of messages final for longer than the body period: in the body table, or in the message's row (older mail). */
    private static final String REMOVE_BODIES = """
            with batch as (
                select id from outbox_message
                 where status in ('SENT', 'FAILED', 'CANCELLED') and finished_at < now() - make_interval(secs => ?1)
                   and body_removed_at is null
                 order by finished_at
                 limit ?2
                 for update skip locked),
            bodies as (delete from outbox_body where message_id in (select id from batch))
            update outbox_message set mail = null, body_removed_at = now() where id in (select id from batch)""";

    private final EntityManager em;
    private final SendConfig.Retention config;

    public OutboxRetention(EntityManager em, SendConfig config) {
        this.em = em;
        this.config = config.retention();
    }

    /** What one run removed. */
    public record Removed(int bodies, int messages) {
    }

    void checkPeriods(@Observes StartupEvent event) {
        checkPeriods(config.body(), config.message());
    }

    static void checkPeriods(Duration body, Duration message) {
        if (message.compareTo(KEYS_KEPT) < 0) {
            throw new IllegalStateException("MAIL_RETENTION_MESSAGE (" + message + ") must be at least 24h: a message"
                    + " keeps its Idempotency-Key, and a retried request must find it for that long");
        }
        if (body.isNegative()) {
            throw new IllegalStateException("MAIL_RETENTION_BODY (" + body + ") must not be negative");
        }
    }

    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("Retention did not finish (the next run goes on): %s", e.getMessage());
        }
    }

    /** One run: deletes the messages past the message period, then removes the bodies past the body period. */
    public Removed purge() {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int messages = inBatches(DELETE_MESSAGES, config.message(), deadline);
        int bodies = inBatches(REMOVE_BODIES, config.body(), deadline);
        if (bodies + messages > 0) {
            LOG.infof("Retention removed the bodies of %d message(s) final for more than %s and deleted %d message(s)"
                    + " final for more than %s", bodies, readable(config.body()), messages, readable(config.message()));
        }
        return new Removed(bodies, messages);
    }

    private static String readable(Duration period) {
        return period.toSeconds() % 86_400 == 0 ? period.toDays() + " days"
                : period.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private int inBatches(String sql, Duration age, long deadline) {
        int total = 0;
        int removed;
        do {
            removed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql)
                    .setParameter(1, (double) age.toSeconds())
                    .setParameter(2, BATCH)
                    .executeUpdate());
            total += removed;
        } while (removed == BATCH && System.nanoTime() < deadline);
        return total;
    }
}
