package no.xsoffice.mail.security;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers which organisation each user id has been seen in. User ids are opaque to this
 * service; this is how a request for a user of another organisation can answer 404.
 */
@ApplicationScoped
public class UserDirectory {

    private static final int REMEMBERED_LIMIT = 100_000;

    private final Set<UserRef> remembered = ConcurrentHashMap.newKeySet();

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void remember(UserRef user) {
        if (remembered.contains(user)) {
            return;
        }
        em.createNativeQuery("insert into known_user (user_id, org_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, user.userId())
                .setParameter(2, user.orgId())
                .executeUpdate();
        if (remembered.size() >= REMEMBERED_LIMIT) {
            remembered.clear();
        }
        remembered.add(user);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> organizationsOf(String userId) {
        return em.createNativeQuery("select org_id from known_user where user_id = ?1", String.class)
                .setParameter(1, userId)
                .getResultList();
    }
}
