package no.xsoffice.mail.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A domain an organisation authorises XS Office's relay to send for: its DKIM key and the last DNS check. */
@Entity
@Table(name = "sending_domain")
public class SendingDomain extends PanacheEntityBase {

    @Schema(name = "SendingDomainStatus")
    public enum Status { PENDING, VERIFIED, FAILING }

    @Id
    public UUID id;
    public String orgId;
    public String domain;
    public String selector;
    public String dkimPublicKey;
    /** The PKCS#8 private key, sealed by {@code SecretCipher} and bound to this row; never in a response. */
    public String dkimPrivateCiphertext;
    @Enumerated(EnumType.STRING)
    public Status status;
    public boolean dkimPassing;
    public boolean returnPathPassing;
    public String dmarcPolicy;
    /** The records of the last check, as JSON. */
    @Column(columnDefinition = "text")
    public String records;
    public String lastError;
    public Instant checkedAt;
    public Instant nextCheckAt;
    public Instant createdAt;

    /** What the private key's ciphertext is bound to. */
    static String binding(UUID id) {
        return "sending_domain:" + id;
    }

    public static List<SendingDomain> ofOrganization(String orgId) {
        return list("orgId", Sort.by("domain"), orgId);
    }

    public static Optional<SendingDomain> of(String orgId, String domain) {
        return find("orgId = ?1 and domain = ?2", orgId, domain).firstResultOptional();
    }

    public static Optional<SendingDomain> byDomain(String domain) {
        return find("domain", domain).firstResultOptional();
    }
}
