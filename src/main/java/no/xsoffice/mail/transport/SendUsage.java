package no.xsoffice.mail.transport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import no.xsoffice.mail.smtp.SendingLimits;

/**
 * What each account has sent in its rolling windows (messages in the last minute, recipients in the last 24
 * hours), so that deliveries never exceed its limits: a delivery reserves its room before it is sent, under a
 * lock per account that every replica takes, or learns when the window will have room. A reservation is not given
 * back when the delivery fails: an account may send a little less than it could, never more.
 */
@ApplicationScoped
public class SendUsage {

    private static final Logger LOG = Logger.getLogger(SendUsage.class);

    /** Why and until when a delivery must wait. {@code perDay}: the daily recipients, else the messages a minute. */
    public record Wait(boolean perDay, Instant until) {
    }

    /** An account's use of its windows now; {@code nextSlotAt} null when a message may go now. */
    @Schema(name = "SendingUsage")
    public record Usage(long recipientsLast24h, long messagesLastMinute,
            @Schema(description = "When the next message may go; null when it may go now", nullable = true) Instant nextSlotAt) {
    }

    private final DataSource dataSource;

    public SendUsage(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Reserves room for a message to {@code recipients} recipients, or says how long it must wait. */
    public Optional<Wait> reserve(String account, SendingLimits limits, int recipients) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lock(connection, account);
                Optional<Wait> wait = waitFor(connection, account, limits, recipients);
                if (wait.isEmpty()) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "insert into send_usage (account, at, recipients) values (?, now(), ?)")) {
                        insert.setString(1, account);
                        insert.setInt(2, recipients);
                        insert.executeUpdate();
                    }
                }
                connection.commit();
                return wait;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PersistenceException("The account's sending usage could not be read", e);
        }
    }

    /** The account's usage now, and when a message of one recipient could go next. */
    public Usage usage(String account, SendingLimits limits) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select coalesce(sum(recipients), 0), count(*) filter (where at > now() - interval '1 minute')
                          from send_usage where account = ? and at > now() - interval '1 day'""")) {
            query.setString(1, account);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Usage(row.getLong(1), row.getLong(2),
                        waitFor(connection, account, limits, 1).map(Wait::until).orElse(null));
            }
        } catch (SQLException e) {
            throw new PersistenceException("The account's sending usage could not be read", e);
        }
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOld() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from send_usage where at < now() - interval '25 hours'")) {
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Old sending usage not removed now: %s", e.getMessage());
        }
    }

    private static void lock(Connection connection, String account) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "send_usage/" + account);
            lock.executeQuery().close();
        }
    }

    private static Optional<Wait> waitFor(Connection connection, String account, SendingLimits limits, int recipients)
            throws SQLException {
        if (limits.messagesPerMinute() != null) {
            // the message that has to leave the window for one more to fit
            try (PreparedStatement query = connection.prepareStatement("""
                    select at + interval '1 minute' from send_usage
                     where account = ? and at > now() - interval '1 minute'
                     order by at desc offset ? limit 1""")) {
                query.setString(1, account);
                query.setInt(2, limits.messagesPerMinute() - 1);
                Optional<Instant> until = instant(query);
                if (until.isPresent()) {
                    return Optional.of(new Wait(false, until.get()));
                }
            }
        }
        if (limits.recipientsPerDay() != null) {
            if (recipients > limits.recipientsPerDay()) {
                return Optional.of(new Wait(true, Instant.now().plusSeconds(24 * 3600)));
            }
            // the oldest time from which, once it has left the window, the recipients fit
            try (PreparedStatement query = connection.prepareStatement("""
                    select at + interval '1 day' from (
                        select at, sum(recipients) over (order by at desc rows between unbounded preceding and current row) as newer
                          from send_usage where account = ? and at > now() - interval '1 day') window_rows
                     where newer > ? order by at desc limit 1""")) {
                query.setString(1, account);
                query.setInt(2, limits.recipientsPerDay() - recipients);
                Optional<Instant> until = instant(query);
                if (until.isPresent()) {
                    return Optional.of(new Wait(true, until.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> instant(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getTimestamp(1).toInstant()) : Optional.<Instant>empty();
        }
    }
}
