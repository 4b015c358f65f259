package no.xsoffice.mail.settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import no.xsoffice.mail.security.UserRef;

/**
 * Hears PostgreSQL announce changes to users' settings (channel {@value #CHANNEL}, from the triggers of
 * migration V5) on a connection of its own, and makes the cache forget the changed user. It proves the
 * channel works by announcing a probe of its own every probe interval; when a probe goes unanswered or the
 * connection fails, the cache holds nothing until the listener has reconnected.
 */
@ApplicationScoped
public class SettingsListener {

    static final String CHANNEL = "xs_mail_settings";
    private static final Logger LOG = Logger.getLogger(SettingsListener.class);
    private static final String PROBE = "probe ";
    private static final long MAX_BACKOFF_MS = 30_000;

    private final SettingsCache cache;
    private final SettingsCacheConfig config;
    private final ObjectMapper json;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    public SettingsListener(SettingsCache cache, SettingsCacheConfig config, ObjectMapper json,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.cache = cache;
        this.config = config;
        this.json = json;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Settings cache off (MAIL_SETTINGS_CACHE_ENABLED=false): every settings read goes to the database");
            return;
        }
        running = true;
        thread = new Thread(this::run, "settings-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        cache.suspend();
        if (thread != null) {
            thread.interrupt();
            closeQuietly(connection);
        }
    }

    private void run() {
        long backoff = 0;
        while (running) {
            boolean heard = false;
            try (Connection c = connect()) {
                connection = c;
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Settings changes cannot be heard (%s); settings are read from the database until reconnected",
                            e.getMessage());
                }
            } finally {
                heard = cache.listening();
                cache.suspend();
                connection = null;
            }
            backoff = heard ? 1_000 : Math.min(Math.max(backoff * 2, 1_000), MAX_BACKOFF_MS);
            if (running) {
                sleep(backoff);
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        try (Statement listen = c.createStatement()) {
            listen.execute("listen " + CHANNEL);
        }
        long interval = config.probeInterval().toMillis();
        String probe = probe(c);
        long probeSent = System.currentTimeMillis();
        while (running) {
            PGNotification[] notifications = pg.getNotifications((int) Math.min(interval, 1_000));
            for (PGNotification n : notifications == null ? new PGNotification[0] : notifications) {
                if (n.getParameter().equals(probe)) {
                    if (!cache.listening()) {
                        cache.resume();
                        LOG.info("Hearing settings changes: settings reads are answered from memory between changes");
                    }
                    probe = null;
                } else if (!n.getParameter().startsWith(PROBE)) {
                    forget(n.getParameter());
                }
            }
            if (System.currentTimeMillis() - probeSent >= interval) {
                if (probe != null) {
                    throw new IllegalStateException("a probe on channel " + CHANNEL + " went unanswered for " + interval + " ms");
                }
                probe = probe(c);
                probeSent = System.currentTimeMillis();
            }
        }
    }

    /** Announces a probe on the channel; a connection that listens hears its own announcements. */
    private String probe(Connection c) throws SQLException {
        String probe = PROBE + UUID.randomUUID();
        try (PreparedStatement notify = c.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, probe);
            notify.execute();
        }
        return probe;
    }

    private void forget(String payload) {
        try {
            String[] user = json.readValue(payload, String[].class);
            cache.forget(new UserRef(user[0], user[1]));
        } catch (Exception e) {
            LOG.warnf("Unreadable settings change on channel %s; forgetting every held setting", CHANNEL);
            cache.forgetAll();
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", "xs-mail settings listener");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        Connection c = new Driver().connect(url, properties);
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + url);
        }
        c.setAutoCommit(true);
        return c;
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            // closing on shutdown: nothing left to do
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
