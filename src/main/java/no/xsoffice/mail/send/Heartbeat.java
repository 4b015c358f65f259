package no.xsoffice.mail.send;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * This replica's sign of life in {@code outbox_replica}: registered on start, beaten every heartbeat interval on
 * a thread of its own, removed on a graceful stop. A replica silent for the replica timeout is taken for dead and
 * its claims are claimed again by the others ({@link Outbox#claim}). Every time compared is the database's
 * {@code now()}, so the replicas' clocks need not agree.
 */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class);
    /** Rows of replicas silent for this long (or ten replica timeouts, if longer) are removed by any live replica. */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final long FORGET_EVERY_NANOS = Duration.ofMinutes(10).toNanos();

    private final EntityManager em;
    private final SendConfig.Delivery config;
    private ScheduledExecutorService beats;
    /** Until when (System.nanoTime) this replica is sure the others take it for alive; claims are made only before. */
    private volatile long aliveUntil = System.nanoTime();
    private long forgotAt;

    public Heartbeat(EntityManager em, SendConfig config) {
        this.em = em;
        this.config = config.delivery();
    }

    /** Registers {@code replica} and starts beating for it. */
    void start(String replica) {
        if (config.replicaTimeout().compareTo(config.heartbeatInterval().multipliedBy(3)) < 0) {
            throw new IllegalStateException("MAIL_DELIVERY_REPLICA_TIMEOUT (" + config.replicaTimeout()
                    + ") must be at least three times MAIL_DELIVERY_HEARTBEAT_INTERVAL (" + config.heartbeatInterval()
                    + "): a replica that misses a beat or two would be taken for dead and its mail sent twice");
        }
        long startedAt = System.nanoTime();
        register(replica);
        aliveAsOf(startedAt);
        forgotAt = startedAt - FORGET_EVERY_NANOS; // the first beat forgets
        beats = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "outbox-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.heartbeatInterval().toMillis();
        beats.scheduleWithFixedDelay(() -> beatFor(replica), every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops beating and removes the row of {@code replica}: its claims, if any are left, are free at once. */
    void stop(String replica) throws InterruptedException {
        if (beats == null) {
            return;
        }
        beats.shutdown();
        beats.awaitTermination(config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from outbox_replica where name = ?1")
                .setParameter(1, replica)
                .executeUpdate());
    }

    /** Whether this replica's last beat is recent enough for a new claim to be safe from the others. */
    boolean alive() {
        return aliveUntil - System.nanoTime() > 0;
    }

    /** Registers {@code replica} as alive now, or beats for it if it is registered. */
    void register(String replica) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into outbox_replica (name, started_at, beat_at) values (?1, now(), now())
                on conflict (name) do update set beat_at = now()""")
                .setParameter(1, replica)
                .executeUpdate());
    }

    /**
     * One beat. A beat that fails is logged and tried again at the next interval. A beat that finds the row stale or
     * gone (this replica was silent past the timeout: a long pause, a partition) registers again; meanwhile other
     * replicas may have claimed this one's messages again. Deliveries of those still in flight here then reach the
     * recipients a second time (at-least-once, with the same Message-ID), and their outcomes are not recorded here,
     * since {@link Outbox} records none whose claim was lost: a message may go out twice, but is never lost.
     */
    private void beatFor(String replica) {
        long startedAt = System.nanoTime();
        try {
            if (!beat(replica) && !beats.isShutdown()) {
                register(replica);
                LOG.warnf("Replica %s was taken for dead (no heartbeat within %s) and registered again; mail it was"
                        + " delivering meanwhile may have been taken over and go out twice", replica,
                        config.replicaTimeout());
            }
            aliveAsOf(startedAt);
            if (startedAt - forgotAt > FORGET_EVERY_NANOS) {
                forgotAt = startedAt;
                forgetDead();
            }
        } catch (RuntimeException e) {
            LOG.warnf("Heartbeat of replica %s failed; trying again in %s: %s", replica, config.heartbeatInterval(),
                    e.getMessage());
        }
    }

    /** Beats for {@code replica}; answers false if its row was stale or gone, so that the others took it for dead. */
    private boolean beat(String replica) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                update outbox_replica set beat_at = now()
                 where name = ?1 and beat_at >= now() - make_interval(secs => ?2)""")
                .setParameter(1, replica)
                .setParameter(2, seconds(config.replicaTimeout()))
                .executeUpdate()) == 1;
    }

    /** Removes the rows of replicas long dead, so that they do not pile up; answers how many. */
    int forgetDead() {
        Duration tenTimeouts = config.replicaTimeout().multipliedBy(10);
        Duration after = tenTimeouts.compareTo(FORGET_AFTER) > 0 ? tenTimeouts : FORGET_AFTER;
        int forgotten = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "delete from outbox_replica where beat_at < now() - make_interval(secs => ?1)")
                .setParameter(1, seconds(after))
                .executeUpdate());
        if (forgotten > 0) {
            LOG.infof("Forgot %d replica(s) silent for more than %s", forgotten, after);
        }
        return forgotten;
    }

    /**
     * A beat that started at {@code startedAt} keeps this replica alive in the others' eyes for the replica timeout;
     * new claims stop one heartbeat interval before that, so a claim is never born already abandoned.
     */
    private void aliveAsOf(long startedAt) {
        aliveUntil = startedAt + config.replicaTimeout().minus(config.heartbeatInterval()).toNanos();
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
