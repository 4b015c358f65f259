package no.xsoffice.mail.organization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The organisation's shared sender addresses ("Felles e-postadresser"), which its users may send from. */
@Entity
@Table(name = "sender_addresses")
public class SenderAddresses extends PanacheEntityBase {

    @Id
    public String orgId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> addresses = new ArrayList<>();
    public Instant updatedAt;

    public static Optional<SenderAddresses> findFor(String orgId) {
        return findByIdOptional(orgId);
    }

    public static Optional<SenderAddresses> lockFor(String orgId) {
        return findByIdOptional(orgId, LockModeType.PESSIMISTIC_WRITE);
    }
}
