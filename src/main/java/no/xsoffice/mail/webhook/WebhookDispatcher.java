package no.xsoffice.mail.webhook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import no.xsoffice.mail.security.SecretCipher;

/**
 * The event outbox's sending side, on every replica: claims due events ({@code FOR UPDATE SKIP LOCKED}, moving
 * them a lease ahead, so no two replicas send the same event at once and a dead replica's claims come back),
 * posts them all at once, and records the batch's answers together: delivered, due again after a backoff, or failed
 * once the retry period is over. Each endpoint keeps its last success and last failure, written once per batch.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** How long a poll that found events waits before it looks again; it ends when it finds none. */
    private static final Duration LINGER = Duration.ofMillis(50);

    private record Claimed(UUID id, UUID endpointId, String url, String secretCiphertext, String payload, int attempts,
            boolean lastChance) {
    }

    private final EntityManager em;
    private final WebhookConfig config;
    private final WebhookClient client;
    private final SecretCipher cipher;

    public WebhookDispatcher(EntityManager em, WebhookConfig config, WebhookClient client, SecretCipher cipher) {
        this.em = em;
        this.config = config;
        this.client = client;
        this.cipher = cipher;
    }

    @Scheduled(every = "${mail.webhook.poll-interval:2s}", delayed = "${mail.webhook.poll-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            for (int claimed = deliverDue(); claimed > 0; claimed = deliverDue()) {
                if (claimed < config.batchSize()) {
                    // mail is being sent now, so more events are on their way: look again soon, not at the next poll
                    Thread.sleep(LINGER.toMillis());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Webhook dispatcher: %s; trying again shortly", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Claims one batch of due events, sends them at once and records all answers together; answers how many were claimed. */
    public int deliverDue() {
        List<Claimed> claimed = claim();
        List<CompletableFuture<Sent>> sends = claimed.stream().map(event -> {
            String secret;
            try {
                secret = cipher.decrypt(event.secretCiphertext(), WebhookEndpoint.binding(event.endpointId()));
            } catch (IllegalStateException e) {
                return CompletableFuture.completedFuture(new Sent(event, new WebhookClient.Answer(null, null, e.getMessage())));
            }
            return client.post(event.url(), secret, "msg_" + event.id().toString().replace("-", ""), event.payload())
                    .thenApply(answer -> new Sent(event, answer));
        }).toList();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        record(sends.stream().map(CompletableFuture::join).toList());
        return claimed.size();
    }

    @SuppressWarnings("unchecked")
    private List<Claimed> claim() {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                with due as (
                    select id from webhook_event
                     where status = 'PENDING' and next_attempt_at <= now()
                     order by next_attempt_at limit ?1
                       for update skip locked)
                update webhook_event ev set next_attempt_at = now() + make_interval(secs => ?2), attempts = ev.attempts + 1
                  from due, webhook_endpoint e
                 where ev.id = due.id and e.id = ev.endpoint_id
                returning ev.id, e.id, e.url, e.secret_ciphertext, ev.payload, ev.attempts,
                          ev.created_at < now() - make_interval(secs => ?3)""")
                .setParameter(1, config.batchSize())
                .setParameter(2, (double) config.lease().toSeconds())
                .setParameter(3, (double) config.retryFor().toSeconds())
                .getResultList());
        return rows.stream().map(r -> new Claimed((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                ((Number) r[5]).intValue(), (Boolean) r[6])).toList();
    }

    private record Sent(Claimed event, WebhookClient.Answer answer) {
        String error() {
            return answer.delivered() ? null : answer.statusCode() != null ? "HTTP " + answer.statusCode() : answer.error();
        }
    }

    /**
     * Records a batch's answers in one transaction: the delivered events in one statement, each endpoint's health
     * row once (its last success, or its last failure), each undelivered event with its own backoff.
     */
    private void record(List<Sent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<UUID> delivered = batch.stream().filter(s -> s.answer().delivered()).map(s -> s.event().id()).toList();
        List<UUID> reached = batch.stream().filter(s -> s.answer().delivered()).map(s -> s.event().endpointId()).distinct().toList();
        List<Sent> undelivered = batch.stream().filter(s -> !s.answer().delivered()).toList();
        Map<UUID, Sent> lastFailure = new LinkedHashMap<>();
        undelivered.forEach(s -> lastFailure.put(s.event().endpointId(), s));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (!delivered.isEmpty()) {
                    em.createNativeQuery("update webhook_event set status = 'DELIVERED', delivered_at = now(), last_error = null"
                            + " where id in (?1)").setParameter(1, delivered).executeUpdate();
                    em.createNativeQuery("update webhook_endpoint set last_success_at = now() where id in (?1)")
                            .setParameter(1, reached).executeUpdate();
                }
                for (Sent s : undelivered) {
                    em.createNativeQuery("update webhook_event set status = ?2, last_error = cast(?3 as text),"
                            + " next_attempt_at = now() + make_interval(secs => ?4) where id = ?1")
                            .setParameter(1, s.event().id())
                            .setParameter(2, s.event().lastChance() ? "FAILED" : "PENDING")
                            .setParameter(3, s.error())
                            .setParameter(4, (double) backoff(s.event().attempts()).toMillis() / 1000)
                            .executeUpdate();
                }
                lastFailure.forEach((endpoint, s) -> em.createNativeQuery("update webhook_endpoint set last_failure_at = now(),"
                        + " last_failure_status = cast(?2 as integer), last_failure_error = cast(?3 as text) where id = ?1")
                        .setParameter(1, endpoint)
                        .setParameter(2, s.answer().statusCode())
                        .setParameter(3, s.error())
                        .executeUpdate());
            });
        } catch (RuntimeException e) {
            LOG.warnf("The answers to %d webhook event(s) could not be recorded (they are sent again): %s", batch.size(),
                    e.getMessage());
            return;
        }
        undelivered.forEach(s -> LOG.infof("Webhook event %s to endpoint %s not delivered (attempt %d%s): %s", s.event().id(),
                s.event().endpointId(), s.event().attempts(), s.event().lastChance() ? ", the last: failed" : "", s.error()));
    }

    Duration backoff(int attempts) {
        Duration wait = config.backoffInitial();
        for (int i = 1; i < attempts && wait.compareTo(config.backoffMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : wait;
    }
}
