package no.xsoffice.mail.send;

import no.xsoffice.mail.sentcopy.ImapAppender;
import no.xsoffice.mail.sentcopy.SentCopyConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.FailureText;
import no.xsoffice.mail.smtp.SentCopyPolicy;
import no.xsoffice.mail.smtp.SmtpProfile;
import no.xsoffice.mail.template.TemplateCatalogue;
import no.xsoffice.mail.transport.Transport;
import no.xsoffice.mail.transport.TransportKind;
import no.xsoffice.mail.transport.TransportResolver;

/**
 * The copy in the Sent folder, as a durable job of its own: a row in {@code sent_copy} is written in the transaction
 * that makes a message SENT through the user's own server; every replica claims due rows ({@code FOR UPDATE SKIP
 * LOCKED}, with a lease), appends the exact bytes sent over IMAP and records SAVED, SKIPPED or, after the last try,
 * FAILED, with the folder, the server's reply and the time. The message's own status never changes.
 */
@ApplicationScoped
public class SentCopies {

    private static final Logger LOG = Logger.getLogger(SentCopies.class);

    private final DataSource dataSource;
    private final SentCopyConfig config;
    private final TransportResolver resolver;
    private final TemplateCatalogue templates;
    private final OutboxBodies bodies;
    private final ImapAppender appender;

    public SentCopies(DataSource dataSource, SentCopyConfig config, TransportResolver resolver,
            TemplateCatalogue templates, OutboxBodies bodies, ImapAppender appender) {
        this.dataSource = dataSource;
        this.config = config;
        this.resolver = resolver;
        this.templates = templates;
        this.bodies = bodies;
        this.appender = appender;
    }

    /** A copy's state, for the message view. */
    public record State(String status, String folder, String reply, Instant at) {
    }

    /**
     * Queues the copy of a message that just became SENT through the user's own server, in the caller's transaction
     * (the outbox's outcome record). Whether a copy is wanted is decided when it is filed, with the profile then.
     */
    public static void queue(EntityManager em, UUID messageId) {
        em.createNativeQuery("insert into sent_copy (message_id) values (?1) on conflict do nothing")
                .setParameter(1, messageId).executeUpdate();
    }

    /** The copy's state; empty when the message has none (not sent, or not through the user's own server). */
    public Optional<State> find(UUID messageId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("select status, folder, reply, at from sent_copy where message_id = ?")) {
            q.setObject(1, messageId);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Timestamp at = r.getTimestamp(4);
                return Optional.of(new State(r.getString(1), r.getString(2), r.getString(3), at == null ? null : at.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the sent copy of " + messageId, e);
        }
    }

    @Scheduled(every = "${mail.sent-copy.poll-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        try {
            for (Claim claim : claim()) {
                file(claim);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Copies in the Sent folder were not filed this round: %s", e.getMessage());
        }
    }

    record Claim(UUID messageId, int tries, String orgId, String userId) {
    }

    /** Takes the due copies no other replica holds, for one lease. */
    List<Claim> claim() throws SQLException {
        List<Claim> claims = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("""
                        update sent_copy s set claimed_until = now() + make_interval(secs => ?), tries = s.tries + 1
                          from outbox_message m
                         where m.id = s.message_id
                           and s.message_id in (select message_id from sent_copy
                                                 where status = 'PENDING' and next_attempt_at <= now()
                                                   and (claimed_until is null or claimed_until < now())
                                                 order by next_attempt_at limit ? for update skip locked)
                        returning s.message_id, s.tries, m.org_id, m.user_id""")) {
            q.setDouble(1, config.lease().toSeconds());
            q.setInt(2, config.batchSize());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    claims.add(new Claim(r.getObject(1, UUID.class), r.getInt(2), r.getString(3), r.getString(4)));
                }
            }
        }
        return claims;
    }

    private void file(Claim claim) throws SQLException {
        UserRef user = new UserRef(claim.orgId(), claim.userId());
        SmtpProfile profile = SmtpProfile.findFor(user).orElse(null);
        if (profile == null || profile.useSharedServer) {
            record(claim, "SKIPPED", null, "The profile no longer uses the user's own server");
            return;
        }
        SentCopyPolicy.Decision decision = SentCopyPolicy.decide(profile, templates.all());
        if (!decision.wanted()) {
            record(claim, "SKIPPED", null, decision.skipped());
            return;
        }
        try {
            Transport transport = resolver.resolve(user);
            if (transport.kind() != TransportKind.USER || transport.endpoint() == null) {
                record(claim, "SKIPPED", null, "The profile no longer uses the user's own server");
                return;
            }
            boolean xoauth2 = transport.endpoint().authMethod() == AuthMethod.XOAUTH2;
            ImapAppender.Filed filed = appender.append(decision.imap(), transport.endpoint().username(),
                    transport.endpoint().password(), xoauth2, bodies.read(claim.messageId()));
            record(claim, "SAVED", filed.folder(), filed.reply());
        } catch (ImapAppender.SignInRefused e) {
            // the same credentials would be refused again, and repeated refused sign-ins can lock the account
            record(claim, "FAILED", null, "The IMAP server refused the sign-in: " + e.getMessage());
        } catch (Exception e) {
            LOG.infof("The copy of message %s in the Sent folder was not filed: %s", claim.messageId(), e.toString());
            String why = FailureText.of(e); // a sentence for people, the cause in the log
            if (claim.tries() >= config.tries()) {
                record(claim, "FAILED", null, why);
            } else {
                retry(claim, why);
            }
        }
    }

    private void record(Claim claim, String status, String folder, String reply) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement u = c.prepareStatement("""
                        update sent_copy set status = ?, folder = ?, reply = ?, at = now(), claimed_until = null
                         where message_id = ?""")) {
            u.setString(1, status);
            u.setString(2, folder);
            u.setString(3, clip(reply));
            u.setObject(4, claim.messageId());
            u.executeUpdate();
        }
        LOG.debugf("Copy of message %s in the Sent folder: %s", claim.messageId(), status);
    }

    private void retry(Claim claim, String why) throws SQLException {
        Duration wait = config.backoff().multipliedBy(1L << Math.min(claim.tries() - 1, 10));
        try (Connection c = dataSource.getConnection();
                PreparedStatement u = c.prepareStatement("""
                        update sent_copy set reply = ?, at = now(), claimed_until = null,
                               next_attempt_at = now() + make_interval(secs => ?)
                         where message_id = ?""")) {
            u.setString(1, clip(why));
            u.setDouble(2, wait.toMillis() / 1000.0);
            u.setObject(3, claim.messageId());
            u.executeUpdate();
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
