package no.xsoffice.mail.send;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import no.xsoffice.mail.transport.TransportKind;

/** One try at delivering a message: when, through whom, and what the server answered. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_attempt_id")
    @SequenceGenerator(name = "delivery_attempt_id", sequenceName = "delivery_attempt_id_seq", allocationSize = 50)
    public Long id;
    public UUID messageId;
    public Instant attemptedAt;
    @Enumerated(EnumType.STRING)
    public TransportKind transport;
    @Enumerated(EnumType.STRING)
    public MessageStatus outcome;
    public Integer replyCode;
    /** The server's reply or the failure, without control characters and never with credentials. */
    public String replyText;
    /** Recipients the server refused while accepting the message for the others. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> rejectedRecipients;
    /** The whole message went out and the server's reply to it never came: a copy may already have arrived. */
    public boolean outcomeUnknown;

    public static List<DeliveryAttempt> of(UUID messageId) {
        return list("messageId = ?1 order by attemptedAt, id", messageId);
    }
}
