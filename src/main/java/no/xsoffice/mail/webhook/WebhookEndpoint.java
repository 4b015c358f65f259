package no.xsoffice.mail.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** An organisation's webhook endpoint: where its delivery events go, which ones, and how the last attempts went. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;
    public String orgId;
    public String url;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> events;
    /** The {@code whsec_} secret, sealed by {@code SecretCipher} and bound to this row; never in a response after creation. */
    public String secretCiphertext;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant lastSuccessAt;
    public Instant lastFailureAt;
    /** The receiver's HTTP status at the last failure; null when it did not answer. */
    public Integer lastFailureStatus;
    public String lastFailureError;

    /** What the secret's ciphertext is bound to. */
    static String binding(UUID id) {
        return "webhook_endpoint:" + id;
    }

    static List<WebhookEndpoint> ofOrganization(String orgId) {
        return list("orgId", Sort.by("createdAt").and("id"), orgId);
    }

    static Optional<WebhookEndpoint> of(String orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }
}
