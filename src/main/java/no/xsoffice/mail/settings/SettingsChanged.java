package no.xsoffice.mail.settings;

import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import no.xsoffice.mail.security.UserRef;

/**
 * Entity listener of every per-user settings entity: when this replica writes one, the user's held
 * settings are forgotten when the write is flushed and again as the transaction ends (a read that raced
 * with the write in between is dropped then), so that the writer's next read sees the write at once;
 * the announcement from PostgreSQL reaches the other replicas a moment later.
 */
public class SettingsChanged {

    /** A per-user settings entity. */
    public interface Owned {
        UserRef user();
    }

    @Inject
    SettingsCache cache;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Owned entity) {
        UserRef user = entity.user();
        cache.forget(user);
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    cache.forget(user);
                }
            });
        }
    }
}
