package no.xsoffice.mail.security;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Remembers which organisation each user id has been seen in. User ids are opaque to this
 * service; this is how a request for a user of another organisation can answer 404.
 */
@ApplicationScoped
public class UserDirectory {

    private static final int REMEMBERED_LIMIT = 100_000;

    private final Set<Seen> remembered = ConcurrentHashMap.newKeySet();

    /** A user as last presented by their own token. */
    public record Seen(UserRef user, String email, String name) {
    }

    @Inject
    EntityManager em;

    /**
     * Records that the user belongs to the organisation; with their address and name when they call themselves.
     * What was recorded before is remembered, so that a known caller costs no database work.
     */
    public void remember(Seen seen) {
        if (knows(seen)) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into known_user (user_id, org_id, email, name) values (?1, ?2, ?3, ?4)"
                + " on conflict (user_id, org_id) do update set email = coalesce(excluded.email, known_user.email),"
                + " name = coalesce(excluded.name, known_user.name)")
                .setParameter(1, seen.user().userId())
                .setParameter(2, seen.user().orgId())
                .setParameter(3, seen.email())
                .setParameter(4, seen.name())
                .executeUpdate());
        if (remembered.size() >= REMEMBERED_LIMIT) {
            remembered.clear();
        }
        remembered.add(seen);
    }

    /** Whether this replica has recorded the user just as they are presented now. */
    public boolean knows(Seen seen) {
        return remembered.contains(seen);
    }

    /** The user's address and name as they last presented them, if they ever called themselves. */
    @Transactional
    public Seen find(UserRef user) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select email, name from known_user where user_id = ?1 and org_id = ?2")
                .setParameter(1, user.userId())
                .setParameter(2, user.orgId())
                .getResultList();
        return rows.isEmpty() ? new Seen(user, null, null) : new Seen(user, (String) rows.get(0)[0], (String) rows.get(0)[1]);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> organizationsOf(String userId) {
        return em.createNativeQuery("select org_id from known_user where user_id = ?1", String.class)
                .setParameter(1, userId)
                .getResultList();
    }
}
