package no.xsoffice.mail.signature;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.settings.SettingsChanged;

/** A user's two signatures: one for new messages, one for replies and forwards. HTML is stored sanitised. */
@Entity
@Table(name = "signature")
@EntityListeners(SettingsChanged.class)
public class Signature extends PanacheEntityBase implements SettingsChanged.Owned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String orgId;
    public String userId;
    public String newText;
    public String newHtml;
    public String replyText;
    public String replyHtml;
    public Instant updatedAt;

    public static Optional<Signature> findFor(UserRef user) {
        return find("orgId = ?1 and userId = ?2", user.orgId(), user.userId()).firstResultOptional();
    }

    public static Optional<Signature> lockFor(UserRef user) {
        return find("orgId = ?1 and userId = ?2", user.orgId(), user.userId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    @Override
    public UserRef user() {
        return new UserRef(orgId, userId);
    }
}
