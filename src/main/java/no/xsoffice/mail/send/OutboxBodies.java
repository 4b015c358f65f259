package no.xsoffice.mail.send;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.PersistenceException;

import org.jboss.logging.Logger;
import org.postgresql.PGStatement;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;

/**
 * The bodies of outbox messages: the composed MIME bytes, stored at acceptance beside the message and read only
 * when it is sent. Messages accepted before bodies were stored this way (as the mail client's JSON in
 * {@code outbox_message.mail}) are converted when the service starts, before anything is delivered.
 */
@ApplicationScoped
public class OutboxBodies {

    private static final Logger LOG = Logger.getLogger(OutboxBodies.class);
    private static final int CONVERT_BATCH = 20;

    private final DataSource dataSource;
    private final SendConfig config;

    public OutboxBodies(DataSource dataSource, SendConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** The message's bytes as they are sent; fails when retention has removed them. */
    public byte[] read(UUID messageId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select mime from outbox_body where message_id = ?")) {
            // binary results from the first execution: a body arrives as its bytes, not as hex text twice its size
            query.unwrap(PGStatement.class).setPrepareThreshold(-1);
            query.setObject(1, messageId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("Message " + messageId + " has no body");
                }
                return row.getBytes(1);
            }
        }
    }

    void convertEarlier(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        int converted = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (List<UUID> batch = earlier(connection); !batch.isEmpty(); batch = earlier(connection)) {
                for (UUID id : batch) {
                    convert(connection, id);
                }
                converted += batch.size();
            }
        } catch (SQLException e) {
            throw new PersistenceException("Message bodies stored by an earlier version could not be converted", e);
        }
        if (converted > 0) {
            LOG.infof("Converted the bodies of %d message(s) stored by an earlier version", converted);
        }
    }

    private static List<UUID> earlier(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select id from outbox_message where mail is not null limit " + CONVERT_BATCH);
                ResultSet rows = query.executeQuery()) {
            List<UUID> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
            return ids;
        }
    }

    /** One message: its JSON encoded as MIME into outbox_body (unless it is final), and the JSON dropped. */
    private void convert(Connection connection, UUID id) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement read = connection.prepareStatement(
                "select mail, status in ('SENT', 'FAILED', 'CANCELLED') from outbox_message where id = ? for update");
                PreparedStatement body = connection.prepareStatement(
                        "insert into outbox_body (message_id, mime) values (?, ?) on conflict do nothing");
                PreparedStatement drop = connection.prepareStatement("update outbox_message set mail = null where id = ?")) {
            read.setObject(1, id);
            try (ResultSet row = read.executeQuery()) {
                if (row.next() && row.getString(1) != null && !row.getBoolean(2)) {
                    MailMessage mail = new MailMessage(new JsonObject(row.getString(1)));
                    body.setObject(1, id);
                    body.setBytes(2, MimeBytes.of(new MailEncoder(mail, config.send().messageIdDomain()).encodeMail(),
                            List.of()));
                    body.executeUpdate();
                }
            }
            drop.setObject(1, id);
            drop.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
