package no.xsoffice.mail.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;

/**
 * The event outbox's writing side: one {@code webhook_event} row per event and endpoint that wants it, inserted in
 * the caller's transaction (the one that changes the status the event reports), so that a crash loses neither.
 * The body is built from the message row as that transaction sees it, and sent as it is on every attempt.
 */
public final class DeliveryEvents {

    public static final String SENT = "message.sent";
    public static final String FAILED = "message.failed";
    public static final String BOUNCED = "message.bounced";
    public static final String HELD = "message.held";
    public static final String DEFERRED = "message.deferred";
    /** A recipient reported the message as unwanted (a feedback report): it is COMPLAINED. */
    public static final String COMPLAINED = "message.complained";
    /** An address was put on the organisation's suppression list. */
    public static final String SUPPRESSION_CREATED = "suppression.created";
    /** An address was taken off the organisation's suppression list. */
    public static final String SUPPRESSION_DELETED = "suppression.deleted";
    /** The event types an endpoint may ask for. */
    public static final List<String> TYPES = List.of(SENT, FAILED, BOUNCED, HELD, DEFERRED, COMPLAINED,
            SUPPRESSION_CREATED, SUPPRESSION_DELETED);

    /** {@code {type, timestamp, data: {id, messageId, userId, status, recipients}}}, one row per endpoint. */
    private static final String INSERT = """
            insert into webhook_event (id, endpoint_id, type, payload, next_attempt_at, created_at)
            select gen_random_uuid(), e.id, cast(?1 as text),
                   cast(jsonb_build_object('type', cast(?1 as text),
                        'timestamp', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                        'data', jsonb_build_object('id', m.id, 'messageId', m.message_id, 'userId', m.user_id,
                                'status', m.status,
                                'recipients', coalesce(m.recipient_states,
                                    (select jsonb_agg(jsonb_build_object('address', a, 'status', 'PENDING'))
                                       from unnest(m.recipients) a)))) as text),
                   now(), now()
              from outbox_message m
              join webhook_endpoint e on e.org_id = m.org_id and cast(?1 as text) = any(e.events)
             where m.id in (?2)""";

    /** {@code {type, timestamp, data: {address, reason, createdAt, expiresAt, messageId, reply, createdBy}}}. */
    private static final String INSERT_SUPPRESSION = """
            insert into webhook_event (id, endpoint_id, type, payload, next_attempt_at, created_at)
            select gen_random_uuid(), e.id, cast(?1 as text),
                   cast(jsonb_build_object('type', cast(?1 as text),
                        'timestamp', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                        'data', jsonb_build_object('address', cast(?3 as text), 'reason', cast(?4 as text),
                                'createdAt', cast(?5 as text), 'expiresAt', cast(?6 as text),
                                'messageId', cast(?7 as text), 'reply', cast(?8 as text),
                                'createdBy', cast(?9 as text))) as text),
                   now(), now()
              from webhook_endpoint e
             where e.org_id = cast(?2 as text) and cast(?1 as text) = any(e.events)""";

    private DeliveryEvents() {
    }

    /** What a suppression event says of its entry. */
    public record SuppressionData(String orgId, String address, String reason, Instant createdAt,
            Instant expiresAt, String messageId, String reply, String createdBy) {
    }

    /** Writes a suppression event ({@link #SUPPRESSION_CREATED}, {@link #SUPPRESSION_DELETED}) in the caller's transaction. */
    public static int emitSuppression(EntityManager em, String type, SuppressionData data) {
        return em.createNativeQuery(INSERT_SUPPRESSION).setParameter(1, type).setParameter(2, data.orgId())
                .setParameter(3, data.address()).setParameter(4, data.reason())
                .setParameter(5, data.createdAt().toString())
                .setParameter(6, data.expiresAt() == null ? null : data.expiresAt().toString())
                .setParameter(7, data.messageId()).setParameter(8, data.reply()).setParameter(9, data.createdBy())
                .executeUpdate();
    }

    /** Writes a {@code type} event for each of these messages, in the caller's transaction; answers the rows written. */
    public static int emit(EntityManager em, String type, Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery(INSERT).setParameter(1, type).setParameter(2, messageIds).executeUpdate();
    }

    /** The events of one transaction's status changes, written together once the changes are flushed. */
    public static final class Batch {

        private final Map<String, List<UUID>> byType = new LinkedHashMap<>();

        /** Adds a {@code type} event of a message; a null type is no event. */
        public void add(String type, UUID messageId) {
            if (type != null) {
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(messageId);
            }
        }

        /** Flushes the status changes and writes their events, in the caller's transaction. */
        public void write(EntityManager em) {
            if (byType.isEmpty()) {
                return;
            }
            em.flush();
            byType.forEach((type, ids) -> emit(em, type, ids));
        }
    }
}
