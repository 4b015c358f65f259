package no.xsoffice.mail.preferences;

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

/** A user's other mail settings ("Andre e-postinnstillinger"). */
@Entity
@Table(name = "mail_preferences")
@EntityListeners(SettingsChanged.class)
public class MailPreferences extends PanacheEntityBase implements SettingsChanged.Owned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String orgId;
    public String userId;
    /** "Standard blindkopimottaker": receives a hidden copy of every mail the user sends. */
    public String defaultBcc;
    public Instant updatedAt;

    public static Optional<MailPreferences> findFor(UserRef user) {
        return find("orgId = ?1 and userId = ?2", user.orgId(), user.userId()).firstResultOptional();
    }

    public static Optional<MailPreferences> lockFor(UserRef user) {
        return find("orgId = ?1 and userId = ?2", user.orgId(), user.userId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    @Override
    public UserRef user() {
        return new UserRef(orgId, userId);
    }
}
