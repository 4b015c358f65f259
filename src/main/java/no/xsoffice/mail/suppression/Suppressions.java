package no.xsoffice.mail.suppression;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.webhook.DeliveryEvents;

/**
 * An organisation's suppression list: the addresses its mail through XS Office's relay and its shared server no longer
 * goes to. Bounces, complaints, one-click unsubscribes and administrators put addresses on it, each with a
 * {@code suppression.created} event in the same transaction; lifting one sends {@code suppression.deleted}. Addresses
 * are compared lower-cased as a whole: RFC 5321 lets a local part be case-sensitive, but receivers treat it as not
 * (as Amazon SES's suppression list does), and a list that told Ola@ from ola@ would mail a complainer again.
 */
@ApplicationScoped
public class Suppressions {

    private static final Logger LOG = Logger.getLogger(Suppressions.class);
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_PAGE = 100_000;
    private static final String COLUMNS = "address, reason, created_at, expires_at, message_id, reply, created_by";
    private static final String ACTIVE = "(expires_at is null or expires_at > now())";

    private final EntityManager em;
    private final SuppressionConfig config;

    public Suppressions(EntityManager em, SuppressionConfig config) {
        this.em = em;
        this.config = config;
    }

    /** A configuration that cannot work stops the start, naming the variable. */
    void check(@Observes StartupEvent event) {
        if (config.softBounces() < 1) {
            throw new IllegalStateException("MAIL_SUPPRESSION_SOFT_BOUNCES must be at least 1 (it is "
                    + config.softBounces() + ")");
        }
        if (config.softWindow().isNegative() || config.softWindow().isZero()) {
            throw new IllegalStateException("MAIL_SUPPRESSION_SOFT_WINDOW must be longer than 0 (e.g. 7d)");
        }
        if (config.softExpiry().isNegative() || config.softExpiry().isZero()) {
            throw new IllegalStateException("MAIL_SUPPRESSION_SOFT_EXPIRY must be longer than 0 (e.g. 30d)");
        }
    }

    /** The form an address is kept and compared in: trimmed and lower-cased. */
    public static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The entries in force among these addresses, by normalised address, read on the caller's connection (acceptance
     * talks to PostgreSQL directly).
     */
    public static Map<String, SuppressionView> among(Connection connection, String orgId, Collection<String> addresses)
            throws SQLException {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement query = connection.prepareStatement("select " + COLUMNS
                + " from suppression where org_id = ? and address = any(?) and " + ACTIVE)) {
            query.setString(1, orgId);
            query.setArray(2, connection.createArrayOf("text", normalised(addresses).toArray()));
            Map<String, SuppressionView> found = new LinkedHashMap<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Timestamp expires = row.getTimestamp(4);
                    found.put(row.getString(1), new SuppressionView(row.getString(1),
                            SuppressionReason.valueOf(row.getString(2)), row.getTimestamp(3).toInstant(),
                            expires == null ? null : expires.toInstant(), row.getString(5), row.getString(6),
                            row.getString(7)));
                }
            }
            return found;
        }
    }

    /**
     * The entries in force for several organisations' addresses in one query (a dispatcher's claimed batch), by
     * organisation and normalised address.
     */
    @Transactional
    public Map<String, Map<String, SuppressionView>> among(Map<String, ? extends Collection<String>> addressesByOrg) {
        Set<String> addresses = addressesByOrg.values().stream().flatMap(Collection::stream).map(Suppressions::normalise)
                .collect(Collectors.toSet());
        if (addresses.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + ", org_id"
                + " from suppression where org_id in (?1) and address in (?2) and " + ACTIVE)
                .setParameter(1, addressesByOrg.keySet()).setParameter(2, addresses).getResultList();
        Map<String, Map<String, SuppressionView>> found = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String org = (String) row[7];
            SuppressionView view = view(row);
            if (addressesByOrg.get(org).stream().anyMatch(a -> normalise(a).equals(view.address()))) {
                found.computeIfAbsent(org, o -> new LinkedHashMap<>()).put(view.address(), view);
            }
        }
        return found;
    }

    /**
     * Puts an address on the list in the caller's transaction, with its event; answers whether the list changed. An
     * entry in force stays as it is, unless the new one lasts longer (a hard bounce after soft ones).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean suppress(String orgId, String address, SuppressionReason reason, String messageId, String reply,
            String createdBy, Instant expiresAt) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String normalised = normalise(address);
        int changed = em.createNativeQuery("""
                insert into suppression (org_id, address, reason, created_at, expires_at, message_id, reply, created_by)
                values (?1, ?2, ?3, ?4, cast(?5 as timestamptz), cast(?6 as text), cast(?7 as text), cast(?8 as text))
                on conflict (org_id, address) do update set reason = excluded.reason, created_at = excluded.created_at,
                       expires_at = excluded.expires_at, message_id = excluded.message_id, reply = excluded.reply,
                       created_by = excluded.created_by
                 where suppression.expires_at is not null
                   and (suppression.expires_at <= excluded.created_at or excluded.expires_at is null
                        or excluded.expires_at > suppression.expires_at)""")
                .setParameter(1, orgId).setParameter(2, normalised).setParameter(3, reason.name())
                .setParameter(4, Timestamp.from(now))
                .setParameter(5, expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS).toString())
                .setParameter(6, messageId).setParameter(7, reply).setParameter(8, createdBy)
                .executeUpdate();
        if (changed == 0) {
            return false;
        }
        DeliveryEvents.emitSuppression(em, DeliveryEvents.SUPPRESSION_CREATED, new DeliveryEvents.SuppressionData(orgId,
                normalised, reason.name(), now, expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS),
                messageId, reply, createdBy));
        LOG.infof("Organisation %s: an address is suppressed (%s)", orgId, reason);
        return true;
    }

    /**
     * Counts a soft bounce (4.x.x, 5.2.2) in the caller's transaction; the one that reaches MAIL_SUPPRESSION_SOFT_BOUNCES
     * within the window suppresses the address for MAIL_SUPPRESSION_SOFT_EXPIRY. Answers whether it did.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean softBounce(String orgId, String address, String messageId, String reply) {
        String normalised = normalise(address);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("insert into suppression_soft_bounce (org_id, address, at, message_id) values (?1, ?2, ?3, ?4)")
                .setParameter(1, orgId).setParameter(2, normalised).setParameter(3, Timestamp.from(now))
                .setParameter(4, messageId).executeUpdate();
        Number count = (Number) em.createNativeQuery("""
                select count(*) from suppression_soft_bounce where org_id = ?1 and address = ?2 and at > ?3""")
                .setParameter(1, orgId).setParameter(2, normalised)
                .setParameter(3, Timestamp.from(now.minus(config.softWindow()))).getSingleResult();
        if (count.intValue() < config.softBounces()) {
            return false;
        }
        return suppress(orgId, normalised, SuppressionReason.SOFT_BOUNCE, messageId,
                reply + " (soft bounce " + count.intValue() + " within " + config.softWindow() + ")", null,
                now.plus(config.softExpiry()));
    }

    @Transactional
    public Optional<SuppressionView> find(String orgId, String address) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS
                + " from suppression where org_id = ?1 and address = ?2 and " + ACTIVE)
                .setParameter(1, orgId).setParameter(2, normalise(address)).getResultList();
        return rows.stream().findFirst().map(Suppressions::view);
    }

    /** An administrator's entry (MANUAL, until lifted); one already in force for good stays as it is. */
    @Transactional
    public SuppressionView putManual(String orgId, String address, String adminId) {
        suppress(orgId, address, SuppressionReason.MANUAL, null, null, adminId, null);
        return find(orgId, address).orElseThrow();
    }

    /** Takes an address off the list, with its event (and forgets its soft bounces); false when it was not on it. */
    @Transactional
    public boolean lift(String orgId, String address) {
        String normalised = normalise(address);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("delete from suppression where org_id = ?1 and address = ?2"
                + " returning " + COLUMNS + ", " + ACTIVE)
                .setParameter(1, orgId).setParameter(2, normalised).getResultList();
        em.createNativeQuery("delete from suppression_soft_bounce where org_id = ?1 and address = ?2")
                .setParameter(1, orgId).setParameter(2, normalised).executeUpdate();
        if (rows.isEmpty() || !Boolean.TRUE.equals(rows.get(0)[7])) {
            return false; // none, or one that had expired already
        }
        SuppressionView lifted = view(rows.get(0));
        DeliveryEvents.emitSuppression(em, DeliveryEvents.SUPPRESSION_DELETED, new DeliveryEvents.SuppressionData(orgId,
                lifted.address(), lifted.reason().name(), lifted.createdAt(), lifted.expiresAt(), lifted.messageId(),
                lifted.reply(), lifted.createdBy()));
        LOG.infof("Organisation %s: an address is no longer suppressed (was %s)", orgId, lifted.reason());
        return true;
    }

    /** The entries in force, newest first; {@code address} matches any part of an address, case aside. */
    @Transactional
    public List<SuppressionView> page(String orgId, String address, SuppressionReason reason, int page, int size) {
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.invalid("page", "must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from suppression where org_id = ?1 and "
                + ACTIVE + " and (cast(?2 as text) is null or strpos(address, cast(?2 as text)) > 0)"
                + " and (cast(?3 as text) is null or reason = cast(?3 as text))"
                + " order by created_at desc, address limit ?4 offset ?5")
                .setParameter(1, orgId).setParameter(2, address == null ? null : normalise(address))
                .setParameter(3, reason == null ? null : reason.name()).setParameter(4, size)
                .setParameter(5, (long) page * size).getResultList();
        return rows.stream().map(Suppressions::view).toList();
    }

    /**
     * Expired entries, soft bounces older than the window, and bounces and complaints older than the sending health's
     * longest window (7 days, a day to spare) are removed, by every replica now and then.
     */
    @Scheduled(every = "10m", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void removeExpired() {
        em.createNativeQuery("delete from suppression where expires_at <= now()").executeUpdate();
        em.createNativeQuery("delete from suppression_soft_bounce where at < ?1")
                .setParameter(1, Timestamp.from(Instant.now().minus(config.softWindow()))).executeUpdate();
        em.createNativeQuery("delete from bounce_event where at < now() - interval '8 days'").executeUpdate();
        em.createNativeQuery("delete from complaint where at < now() - interval '8 days'").executeUpdate();
    }

    private static Set<String> normalised(Collection<String> addresses) {
        return addresses.stream().map(Suppressions::normalise).collect(Collectors.toSet());
    }

    private static SuppressionView view(Object[] row) {
        return new SuppressionView((String) row[0], SuppressionReason.valueOf((String) row[1]), instant(row[2]),
                instant(row[3]), (String) row[4], (String) row[5], (String) row[6]);
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected time type " + value.getClass());
    }
}
