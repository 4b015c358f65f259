package no.xsoffice.mail.suppression;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import no.xsoffice.mail.suppression.SendingHealthView.Status;
import no.xsoffice.mail.suppression.SendingHealthView.Thresholds;
import no.xsoffice.mail.suppression.SendingHealthView.Window;

/**
 * An organisation's bounce and complaint rates for mail through XS Office's relay and its shared server (a user's own
 * server is their reputation): recipients accepted, hard bounces and complaints over 24 hours and 7 days, judged by the
 * thresholds receivers publish. Every replica also keeps gauges of the 24-hour rates of each organisation that sent in
 * that time ({@code xsmail.sending.bounce.rate}, {@code xsmail.sending.complaint.rate}, tag {@code org}).
 */
@ApplicationScoped
public class SendingHealth {

    /** Gmail's and Yahoo's sender requirements (February 2024): below 0.1 %, never 0.3 %. */
    static final Thresholds THRESHOLDS = new Thresholds(0.001, 0.003, 0.02, 0.05);

    private final EntityManager em;
    private final MeterRegistry registry;
    private final Map<String, double[]> gauges = new ConcurrentHashMap<>();

    public SendingHealth(EntityManager em, MeterRegistry registry) {
        this.em = em;
        this.registry = registry;
    }

    @Transactional
    public SendingHealthView of(String orgId) {
        Instant now = Instant.now();
        return new SendingHealthView(window(orgId, now, Duration.ofHours(24)), window(orgId, now, Duration.ofDays(7)),
                THRESHOLDS);
    }

    private Window window(String orgId, Instant now, Duration length) {
        Timestamp since = Timestamp.from(now.minus(length));
        Number sent = (Number) em.createNativeQuery("""
                select coalesce(sum((select count(*) from jsonb_array_elements(m.recipient_states) r
                                      where r ->> 'status' in ('ACCEPTED', 'BOUNCED', 'COMPLAINED'))), 0)
                  from outbox_message m
                 where m.org_id = ?1 and m.finished_at >= ?2 and m.transport in ('SYSTEM', 'ORGANIZATION')
                   and m.recipient_states is not null""")
                .setParameter(1, orgId).setParameter(2, since).getSingleResult();
        Number bounced = (Number) em.createNativeQuery(
                "select count(*) from bounce_event where org_id = ?1 and at >= ?2 and hard")
                .setParameter(1, orgId).setParameter(2, since).getSingleResult();
        Number complained = (Number) em.createNativeQuery(
                "select count(*) from complaint where org_id = ?1 and at >= ?2")
                .setParameter(1, orgId).setParameter(2, since).getSingleResult();
        return window(sent.longValue(), bounced.longValue(), complained.longValue());
    }

    static Window window(long sent, long bounced, long complained) {
        double bounceRate = sent == 0 ? 0 : (double) bounced / sent;
        double complaintRate = sent == 0 ? 0 : (double) complained / sent;
        Status status = complaintRate >= THRESHOLDS.complaintRateCritical()
                || bounceRate >= THRESHOLDS.bounceRateCritical() ? Status.CRITICAL
                : complaintRate >= THRESHOLDS.complaintRateWarning() || bounceRate >= THRESHOLDS.bounceRateWarning()
                        ? Status.WARNING : Status.OK;
        return new Window(sent, bounced, complained, bounceRate, complaintRate, status);
    }

    /** The gauges: the 24-hour rates of each organisation that sent through the relay or its server in that time. */
    @Scheduled(every = "${mail.suppression.health-interval:60s}", delayed = "${mail.suppression.health-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refreshGauges() {
        Map<String, long[]> counts = new java.util.HashMap<>(); // org → sent, bounced, complained
        count(counts, 0, """
                select m.org_id, coalesce(sum((select count(*) from jsonb_array_elements(m.recipient_states) r
                                          where r ->> 'status' in ('ACCEPTED', 'BOUNCED', 'COMPLAINED'))), 0)
                  from outbox_message m
                 where m.finished_at >= now() - interval '24 hours' and m.transport in ('SYSTEM', 'ORGANIZATION')
                   and m.recipient_states is not null
                 group by m.org_id""");
        count(counts, 1, "select org_id, count(*) from bounce_event where at >= now() - interval '24 hours' and hard"
                + " group by org_id");
        count(counts, 2, "select org_id, count(*) from complaint where at >= now() - interval '24 hours' group by org_id");
        counts.forEach((org, c) -> {
            Window day = window(c[0], c[1], c[2]);
            double[] rates = gauges.computeIfAbsent(org, this::register);
            rates[0] = day.bounceRate();
            rates[1] = day.complaintRate();
        });
        gauges.forEach((org, rates) -> { // an organisation quiet for a day: nothing to judge
            if (!counts.containsKey(org)) {
                rates[0] = 0;
                rates[1] = 0;
            }
        });
    }

    private void count(Map<String, long[]> counts, int index, String sql) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).getResultList();
        for (Object[] row : rows) {
            counts.computeIfAbsent((String) row[0], o -> new long[3])[index] = ((Number) row[1]).longValue();
        }
    }

    private double[] register(String org) {
        double[] rates = new double[2];
        Gauge.builder("xsmail.sending.bounce.rate", rates, r -> r[0]).tag("org", org)
                .description("Hard bounces per recipient accepted, last 24 h (relay and organisation server)")
                .register(registry);
        Gauge.builder("xsmail.sending.complaint.rate", rates, r -> r[1]).tag("org", org)
                .description("Complaints per recipient accepted, last 24 h (relay and organisation server)")
                .register(registry);
        return rates;
    }
}
