package no.xsoffice.mail.send;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import no.xsoffice.mail.oauth.OAuthTokens;
import no.xsoffice.mail.organization.OrganizationSmtpServer;
import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtp.CredentialsSaved;
import no.xsoffice.mail.smtp.SmtpProfile;
import no.xsoffice.mail.suppression.SuppressionView;
import no.xsoffice.mail.suppression.Suppressions;
import no.xsoffice.mail.transport.Transport;
import no.xsoffice.mail.transport.TransportKind;
import no.xsoffice.mail.webhook.DeliveryEvents;

/**
 * The outbox's lifecycle, the one place a message's status and attempts change: claims due messages with a
 * lease ({@code FOR UPDATE SKIP LOCKED}, so that two replicas never claim the same message), records each
 * outcome, releases held mail and cancels, and gives up messages past the maximum age. A claim whose lease ran out (its replica crashed) is claimed again.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final EntityManager em;
    private final SendConfig.Delivery config;
    private final DeliveryMetrics metrics;
    private final OAuthTokens tokens;

    public Outbox(EntityManager em, SendConfig config, DeliveryMetrics metrics, OAuthTokens tokens) {
        this.tokens = tokens;
        this.em = em;
        this.config = config.delivery();
        this.metrics = metrics;
    }

    /**
     * Claims up to {@code limit} due messages for {@code replica}: waiting ones, and those being sent by a replica the
     * others take for dead (no heartbeat within the replica timeout, or no row at all) or whose lease ran out. This
     * replica's own claims are in flight here, whatever its row says, and return only with their lease.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<OutboxMessage> claim(String replica, int limit) {
        @SuppressWarnings("unchecked")
        List<OutboxMessage> claimed = em.createNativeQuery("""
                update outbox_message set status = 'SENDING', claimed_by = ?1, attempts = attempts + 1,
                       lease_until = now() + make_interval(secs => ?2), updated_at = now()
                 where id in (select id from outbox_message m
                               where status in ('SCHEDULED', 'QUEUED', 'RETRYING', 'SENDING') and not held
                                 and next_attempt_at <= now()
                                 and (status <> 'SENDING' or lease_until < now()
                                      or claimed_by is distinct from ?1 and not exists (
                                        select 1 from outbox_replica r
                                         where r.name = m.claimed_by
                                           and r.beat_at >= now() - make_interval(secs => ?4)))
                               order by next_attempt_at
                               limit ?3
                               for update skip locked)
                returning *""", OutboxMessage.class)
                .setParameter(1, replica)
                .setParameter(2, (double) config.lease().toSeconds())
                .setParameter(3, limit)
                .setParameter(4, Heartbeat.seconds(config.replicaTimeout()))
                .getResultList();
        return claimed;
    }

    /** How one claimed message's attempt ended. */
    public record Outcome(UUID id, String replica, Transport transport, Instant resolvedAt, DeliveryResult result) {
    }

    /**
     * Records a batch of outcomes in one transaction (the messages locked in one query, the attempts
     * inserted in JDBC batches); if that fails, each on its own, so that one bad record cannot hold back
     * the others. Answers the ids of the messages whose outcome could not be recorded.
     */
    public List<UUID> recordAll(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Map<UUID, OutboxMessage> messages = OutboxMessage.lockAll(outcomes.stream().map(Outcome::id).toList());
                DeliveryEvents.Batch events = new DeliveryEvents.Batch();
                outcomes.forEach(outcome -> events.add(record(outcome, messages.get(outcome.id())), outcome.id()));
                events.write(em); // delivery events: in the transaction of the status changes they report
            });
            return List.of();
        } catch (RuntimeException batchFailed) {
            List<UUID> unrecorded = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        DeliveryEvents.Batch events = new DeliveryEvents.Batch();
                        events.add(record(outcome, OutboxMessage.lockAll(List.of(outcome.id())).get(outcome.id())), outcome.id());
                        events.write(em);
                    });
                } catch (RuntimeException e) {
                    LOG.warnf("Could not record the outcome of message %s: %s", outcome.id(), e.getMessage());
                    unrecorded.add(outcome.id());
                }
            }
            return unrecorded;
        }
    }

    /**
     * Records how an attempt ended, unless this replica's claim was lost meanwhile; answers the delivery event the
     * change makes (null: none), which the caller writes in the same transaction.
     */
    private String record(Outcome outcome, OutboxMessage message) {
        UUID id = outcome.id();
        String replica = outcome.replica();
        Transport transport = outcome.transport();
        Instant resolvedAt = outcome.resolvedAt();
        DeliveryResult result = outcome.result();
        if (message == null || message.status != MessageStatus.SENDING || !replica.equals(message.claimedBy)) {
            LOG.warnf("Claim of message %s was lost before its outcome (%s) was recorded", id, result.kind());
            return null;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DeliveryResult.Kind kind = result.kind();
        boolean refreshToken = kind == DeliveryResult.Kind.CREDENTIALS_REFUSED && transport.endpoint() != null
                && transport.endpoint().authMethod() == AuthMethod.XOAUTH2
                && tokens.forgetRefused(transport.credentialsOwner(), resolvedAt);
        if (kind == DeliveryResult.Kind.CREDENTIALS_REFUSED
                && (refreshToken || !refuseCredentials(transport, resolvedAt, result))) {
            // a cached access token refused: tried again at once with a fresh one; or the credentials were saved
            // again meanwhile: just tried again
            kind = DeliveryResult.Kind.TRANSIENT;
        }
        message.claimedBy = null;
        message.leaseUntil = null;
        message.transport = transport.kind();
        message.updatedAt = now;
        if (kind == DeliveryResult.Kind.HELD || kind == DeliveryResult.Kind.DEFERRED) {
            message.attempts--; // not tried
            message.held = kind == DeliveryResult.Kind.HELD;
            message.status = kind == DeliveryResult.Kind.HELD ? MessageStatus.QUEUED : MessageStatus.RETRYING;
            if (kind == DeliveryResult.Kind.DEFERRED) {
                message.deferredReason = DeferredReason.of(result.meaning());
                message.nextAttemptAt = result.until().truncatedTo(ChronoUnit.MICROS);
                message.lastError = result.reply();
            }
            return message.held ? DeliveryEvents.HELD : DeliveryEvents.DEFERRED;
        }
        List<Recipient> after = RecipientOutcomes.merge(message.recipientStates(), result, now);
        ReplyMeaning waitingFor = result.recipients() == null ? result.meaning() : RecipientOutcomes.waitingMeaning(result);
        if (kind == DeliveryResult.Kind.ANSWERED && waitingFor == ReplyMeaning.CREDENTIALS
                && RecipientOutcomes.anyWaiting(after) && refuseCredentials(transport, resolvedAt, result)) {
            kind = DeliveryResult.Kind.CREDENTIALS_REFUSED; // e.g. 5.7.60: this account may not send as that From
        }
        message.recipientStates = after;
        message.deferredReason = null;
        switch (kind) {
            case PERMANENT -> finish(message, RecipientOutcomes.giveUp(after, result.reply(), now), result.reply(), now);
            case CREDENTIALS_REFUSED -> {
                message.status = MessageStatus.RETRYING;
                message.held = true;
                message.lastError = "The server refused the credentials: " + result.reply();
            }
            default -> {
                if (!RecipientOutcomes.anyWaiting(after)) {
                    finish(message, after, result.reply(), now);
                } else if (dueSince(message).plus(config.maxAge()).isBefore(now)) {
                    String why = "Not delivered within " + config.maxAge() + "; last failure: " + waitingReply(after, result);
                    finish(message, RecipientOutcomes.giveUp(after, why, now), why, now);
                } else {
                    message.status = MessageStatus.RETRYING;
                    message.deferredReason = DeferredReason.of(waitingFor);
                    message.lastError = waitingReply(after, result);
                    // a fresh token, or the recipients a server takes in a further transaction: at once
                    message.nextAttemptAt = refreshToken || RecipientOutcomes.furtherTransaction(result) ? now
                            : now.plus(backoff(message.attempts));
                }
            }
        }
        // the copy in the Sent folder is queued with the SENT status and filed by its own job (send.SentCopies, which files it through sentcopy.ImapAppender)
        if (message.status == MessageStatus.SENT && transport.kind() == TransportKind.USER) {
            SentCopies.queue(em, id);
        }
        DeliveryAttempt attempt = new DeliveryAttempt();
        attempt.messageId = id;
        attempt.attemptedAt = now;
        attempt.transport = transport.kind();
        attempt.replyCode = result.replyCode();
        attempt.replyText = result.reply();
        attempt.rejectedRecipients = result.recipients() == null ? List.of() : result.recipients().entrySet().stream()
                .filter(e -> !e.getValue().positive()).map(Map.Entry::getKey).toList();
        attempt.outcome = message.status;
        attempt.outcomeUnknown = result.kind() == DeliveryResult.Kind.OUTCOME_UNKNOWN;
        attempt.persist();
        metrics.attempted(transport.kind(), message.status, message.createdAt);
        return switch (message.status) {
            case SENT -> DeliveryEvents.SENT;
            case FAILED -> DeliveryEvents.FAILED;
            default -> message.held ? DeliveryEvents.HELD : DeliveryEvents.DEFERRED;
        };
    }

    /**
     * Every recipient has its final answer: SENT when the server accepted it for any of them (the refused ones are
     * listed), else FAILED.
     */
    private static void finish(OutboxMessage message, List<Recipient> recipients, String reply, Instant now) {
        message.recipientStates = recipients;
        message.finishedAt = now;
        long refused = RecipientOutcomes.count(recipients, RecipientStatus.REFUSED);
        long suppressed = RecipientOutcomes.count(recipients, RecipientStatus.SUPPRESSED);
        if (RecipientOutcomes.anyAccepted(recipients)) {
            message.status = MessageStatus.SENT;
            String notSent = suppressed == 0 ? null
                    : "Not sent to " + suppressed + " recipient(s) on the organisation's suppression list";
            message.lastError = refused == 0 ? notSent : "Refused by the server for " + refused + " recipient(s)"
                    + (notSent == null ? "" : "; " + notSent.substring(0, 1).toLowerCase(java.util.Locale.ROOT)
                            + notSent.substring(1));
        } else {
            message.status = MessageStatus.FAILED;
            message.lastError = reply != null ? reply : recipients.stream().map(Recipient::reply)
                    .filter(Objects::nonNull).findFirst().orElse("Refused for every recipient");
        }
    }

    /** The reply that keeps the message waiting: the failure, or the first waiting recipient's. */
    private static String waitingReply(List<Recipient> recipients, DeliveryResult result) {
        return recipients.stream().filter(r -> r.status() == RecipientStatus.RETRYING).map(Recipient::reply)
                .findFirst().orElse(result.reply());
    }

    /**
     * Marks the waiting recipients that are on the suppression list SUPPRESSED, on the claimed message's row and on
     * {@code claimed} (whose delivery goes on without them); nothing when the claim was lost meanwhile.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void suppress(OutboxMessage claimed, Map<String, SuppressionView> listed) {
        OutboxMessage message = OutboxMessage.lockAll(List.of(claimed.id)).get(claimed.id);
        if (message == null || message.status != MessageStatus.SENDING
                || !Objects.equals(message.claimedBy, claimed.claimedBy)) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Recipient> after = message.recipientStates().stream().map(r -> {
            SuppressionView entry = listed.get(Suppressions.normalise(r.address()));
            return r.waiting() && entry != null ? Recipient.suppressed(r.address(), entry, now) : r;
        }).toList();
        message.recipientStates = after;
        message.updatedAt = now;
        claimed.recipientStates = after;
    }

    /** A claim returned to the queue unattempted: the attempt it counted is taken back. */
    private static final String RELEASE = """
            update outbox_message set status = case when attempts > 1 then 'RETRYING' else 'QUEUED' end,
                   attempts = attempts - 1, claimed_by = null, lease_until = null, updated_at = now()
             where claimed_by = ?1 and status = 'SENDING'""";

    /** Returns this replica's unfinished claims to the queue, as on a graceful shutdown. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int release(String replica) {
        return em.createNativeQuery(RELEASE)
                .setParameter(1, replica)
                .executeUpdate();
    }

    /** Returns these claims of {@code replica} to the queue, unattempted: their deliveries could not start. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int release(String replica, Collection<UUID> ids) {
        return em.createNativeQuery(RELEASE + " and id in (?2)")
                .setParameter(1, replica)
                .setParameter(2, ids)
                .executeUpdate();
    }

    /** Marks a message the sender cancelled final; the caller holds its row lock. Writes only the columns that change. */
    void cancel(UUID id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OutboxMessage.update("status = ?1, held = false, finishedAt = ?2, updatedAt = ?2 where id = ?3",
                MessageStatus.CANCELLED, now, id);
    }

    /**
     * Saving credentials releases mail held after the server refused the old ones: the user's, or (no user) the
     * whole organisation's. It is due at once, unless it is scheduled for later.
     */
    @Transactional
    void releaseHeld(@Observes CredentialsSaved saved) {
        String due = "held = false, nextAttemptAt = case when sendAt > ?1 then sendAt else ?1 end where held = true";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (saved.userId() == null) {
            OutboxMessage.update(due + " and orgId = ?2", now, saved.orgId());
        } else {
            OutboxMessage.update(due + " and orgId = ?2 and userId = ?3", now, saved.orgId(), saved.userId());
        }
    }

    /** Fails held and waiting messages that have reached the maximum age, with their delivery events. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int expire() {
        @SuppressWarnings("unchecked")
        List<Object[]> expired = em.createNativeQuery("""
                update outbox_message set held = false, updated_at = now(), finished_at = now(), deferred_reason = null,
                       status = case when recipient_states @> '[{"status": "ACCEPTED"}]' then 'SENT' else 'FAILED' end,
                       recipient_states = (select jsonb_agg(case when r ->> 'status' in ('PENDING', 'RETRYING')
                                   then r || jsonb_build_object('status', 'REFUSED', 'at', now(),
                                                                'reply', 'Not delivered within the maximum age')
                                   else r end)
                              from jsonb_array_elements(coalesce(recipient_states,
                                   (select jsonb_agg(jsonb_build_object('address', a, 'status', 'PENDING'))
                                      from unnest(recipients) a))) r),
                       last_error = 'Not delivered within the maximum age' || coalesce('; last failure: ' || last_error, '')
                 where status in ('QUEUED', 'RETRYING')
                   and greatest(created_at, send_at) < now() - make_interval(secs => ?1)
                returning id, status""")
                .setParameter(1, (double) config.maxAge().toSeconds())
                .getResultList();
        DeliveryEvents.Batch events = new DeliveryEvents.Batch();
        expired.forEach(row -> events.add("SENT".equals(String.valueOf(row[1])) ? DeliveryEvents.SENT : DeliveryEvents.FAILED,
                (UUID) row[0]));
        events.write(em);
        return expired.size();
    }

    Duration backoff(int attempts) {
        Duration wait = config.backoffInitial();
        for (int i = 1; i < attempts && wait.compareTo(config.backoffMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : wait;
    }

    /** A message's maximum age counts from when it was to be sent: its acceptance, or the time it was scheduled for. */
    private static Instant dueSince(OutboxMessage message) {
        return message.sendAt != null && message.sendAt.isAfter(message.createdAt) ? message.sendAt : message.createdAt;
    }

    /** Marks the credentials refused, unless they were saved after the transport was resolved. */
    private boolean refuseCredentials(Transport transport, Instant resolvedAt, DeliveryResult result) {
        if (transport.kind() == TransportKind.SYSTEM) {
            LOG.errorf("XS Office's relay refused its credentials (MAIL_SYSTEM_SMTP_USERNAME/_PASSWORD): %s", result.reply());
            return false;
        }
        var owner = transport.kind() == TransportKind.USER
                ? SmtpProfile.lockFor(transport.owner()).filter(p -> !p.updatedAt.isAfter(resolvedAt)).map(p -> p.server)
                : OrganizationSmtpServer.lockFor(transport.owner().orgId())
                        .filter(o -> !o.updatedAt.isAfter(resolvedAt)).map(o -> o.server);
        if (owner.isEmpty()) {
            return false;
        }
        owner.get().refuseCredentials(Instant.now().truncatedTo(ChronoUnit.MICROS), result.reply());
        return true;
    }
}
