package no.xsoffice.mail.oauth;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A consent under way. Its random id is the {@code state} sent to the provider; the row is deleted on first use. */
@Entity
@Table(name = "oauth_pending")
public class OAuthPending extends PanacheEntityBase {

    @Id
    public String stateId;
    public String orgId;
    public String userId;
    public String provider;
    /** The PKCE verifier, encrypted and bound to this state. */
    public String codeVerifierCiphertext;
    public Instant expiresAt;

    static Optional<OAuthPending> lock(String stateId) {
        return findByIdOptional(stateId, LockModeType.PESSIMISTIC_WRITE);
    }

    static String binding(String stateId) {
        return "oauth-pending/" + stateId;
    }
}
