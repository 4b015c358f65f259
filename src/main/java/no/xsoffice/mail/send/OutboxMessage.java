package no.xsoffice.mail.send;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.transport.TransportKind;

/**
 * An accepted message, stored before the 202, until it is delivered or fails for good: the bookkeeping only. Its
 * body is in {@link OutboxBodies}, read when it is sent; a status change writes only the columns it changes.
 */
@Entity
@DynamicUpdate
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    public UUID id;
    public String orgId;
    public String userId;
    public String idempotencyKey;
    /** Hash of the request, so that a repeated Idempotency-Key can tell the same request from another. */
    public String requestHash;
    public String messageId;
    public String fromAddress;
    /** The SMTP envelope: to, cc, bcc and the default BCC. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> recipients;
    /** Each recipient's outcome so far; null until the server first answered any of them (all PENDING). */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Recipient> recipientStates;
    /** Why it waits for its next attempt, while RETRYING. */
    @Enumerated(EnumType.STRING)
    public DeferredReason deferredReason;
    public String subject;
    public long sizeBytes;
    @Enumerated(EnumType.STRING)
    public MessageStatus status;
    /** Waiting for the user or organisation to save credentials the server accepts. */
    public boolean held;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant leaseUntil;
    public String claimedBy;
    public String lastError;
    @Enumerated(EnumType.STRING)
    public TransportKind transport;
    public Instant createdAt;
    public Instant updatedAt;
    /** When the sender asked it to be sent, if later than its acceptance. */
    public Instant sendAt;
    /** When it became final: SENT, FAILED or CANCELLED. */
    public Instant finishedAt;
    /** When retention removed its body. */
    public Instant bodyRemovedAt;
    /** Why XS Office's relay rewrote the From header (null: it did not); written at delivery, never by this entity. */
    @Column(insertable = false, updatable = false)
    public String fromRewritten;
    /** The From header the relay sent instead. */
    @Column(insertable = false, updatable = false)
    public String fromRewrittenAs;

    /** Every envelope recipient with its outcome so far. */
    public List<Recipient> recipientStates() {
        return recipientStates != null ? recipientStates : recipients.stream().map(Recipient::pending).toList();
    }

    /** The recipients still to be delivered to: those not answered yet, and those refused for now. */
    public List<String> waitingRecipients() {
        return recipientStates().stream().filter(Recipient::waiting).map(Recipient::address).toList();
    }

    public static Optional<OutboxMessage> findFor(UserRef user, UUID id) {
        return find("id = ?1 and orgId = ?2 and userId = ?3", id, user.orgId(), user.userId()).firstResultOptional();
    }

    /** The messages with these ids, locked for update in id order (so that two lockers cannot deadlock). */
    public static Map<UUID, OutboxMessage> lockAll(Collection<UUID> ids) {
        @SuppressWarnings("unchecked")
        List<OutboxMessage> messages = getEntityManager()
                .createNativeQuery("select * from outbox_message where id in (?1) order by id for update", OutboxMessage.class)
                .setParameter(1, ids)
                .getResultList();
        return messages.stream().collect(Collectors.toMap(m -> m.id, m -> m));
    }

    /** The status of the user's message, its row locked for update until the transaction ends. */
    public static Optional<MessageStatus> lockStatus(UserRef user, UUID id) {
        @SuppressWarnings("unchecked")
        List<String> status = getEntityManager()
                .createNativeQuery("select status from outbox_message where id = ?1 and org_id = ?2 and user_id = ?3"
                        + " for update")
                .setParameter(1, id)
                .setParameter(2, user.orgId())
                .setParameter(3, user.userId())
                .getResultList();
        return status.stream().findFirst().map(MessageStatus::valueOf);
    }

    /** Sent items, newest first. */
    public static List<OutboxMessage> page(UserRef user, MessageStatus status, int page, int size) {
        Sort newestFirst = Sort.descending("createdAt", "id");
        var query = status == null
                ? find("orgId = ?1 and userId = ?2", newestFirst, user.orgId(), user.userId())
                : find("orgId = ?1 and userId = ?2 and status = ?3", newestFirst, user.orgId(), user.userId(), status);
        return query.page(Page.of(page, size)).list();
    }
}
