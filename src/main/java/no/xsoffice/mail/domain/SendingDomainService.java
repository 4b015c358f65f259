package no.xsoffice.mail.domain;

import java.security.KeyPair;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.security.SecretCipher;

/**
 * Registers an organisation's sending domains (a DKIM key each), checks them in DNS on demand and every
 * {@code MAIL_SENDING_DOMAIN_RECHECK}. DNS is asked outside any transaction; a domain belongs to one organisation.
 */
@ApplicationScoped
public class SendingDomainService {

    private static final Logger LOG = Logger.getLogger(SendingDomainService.class);
    private static final int RECHECK_BATCH = 20;

    private final DomainCheck check;
    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final SendingDomainConfig config;
    private final EntityManager em;
    private final RelayAuthorisation authorisation;

    public SendingDomainService(DomainCheck check, SecretCipher cipher, ObjectMapper json, SendingDomainConfig config,
            EntityManager em, RelayAuthorisation authorisation) {
        this.check = check;
        this.cipher = cipher;
        this.json = json;
        this.config = config;
        this.em = em;
        this.authorisation = authorisation;
    }

    public List<SendingDomainView> list(String orgId) {
        return QuarkusTransaction.requiringNew().call(() -> SendingDomain.ofOrganization(orgId).stream().map(this::view).toList());
    }

    public Optional<SendingDomainView> get(String orgId, String domain) {
        return normalised(domain).flatMap(d -> QuarkusTransaction.requiringNew().call(() -> SendingDomain.of(orgId, d).map(this::view)));
    }

    /** Registers the domain and checks it at once. */
    public SendingDomainView create(String orgId, SendingDomainView.Request request) {
        if (request == null || request.domain() == null || request.domain().isBlank()) {
            throw ProblemException.invalid("domain", "is required");
        }
        String domain = MailAddress.asciiDomain(request.domain().trim()).filter(d -> !d.matches(".*\\.[0-9]+$"))
                .orElseThrow(() -> ProblemException.invalid("domain", "is not a domain name (like firma.no)"));
        KeyPair key = DkimKeys.generate();
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            Optional<SendingDomain> taken = SendingDomain.byDomain(domain);
            if (taken.isPresent()) {
                throw taken.get().orgId.equals(orgId) ? conflict(domain + " is already registered by this organisation")
                        : conflict(domain + " is registered by another organisation");
            }
            SendingDomain d = new SendingDomain();
            d.id = UUID.randomUUID();
            d.orgId = orgId;
            d.domain = domain;
            d.selector = selector();
            d.dkimPublicKey = DkimKeys.publicKey(key);
            d.dkimPrivateCiphertext = cipher.encrypt(DkimKeys.privateKey(key), SendingDomain.binding(d.id));
            d.status = SendingDomain.Status.PENDING;
            d.records = write(check.asked(domain, d.selector, d.dkimPublicKey));
            d.createdAt = Instant.now();
            d.nextCheckAt = d.createdAt.plus(config.sendingDomain().recheck());
            d.persist();
            em.flush();
            return d.id;
        });
        LOG.infof("Sending domain %s registered by organisation %s", domain, orgId);
        return recheck(id).orElseThrow();
    }

    public boolean delete(String orgId, String domain) {
        Optional<String> name = normalised(domain);
        boolean deleted = name.isPresent() && QuarkusTransaction.requiringNew()
                .call(() -> SendingDomain.delete("orgId = ?1 and domain = ?2", orgId, name.get()) > 0);
        if (deleted) {
            authorisation.forget(orgId);
            LOG.infof("Sending domain %s removed by organisation %s", name.get(), orgId);
        }
        return deleted;
    }

    /** A live DNS check now. */
    public Optional<SendingDomainView> verify(String orgId, String domain) {
        Optional<UUID> id = normalised(domain)
                .flatMap(d -> QuarkusTransaction.requiringNew().call(() -> SendingDomain.of(orgId, d).map(found -> found.id)));
        return id.flatMap(this::recheck);
    }

    /** Every replica, every minute: the domains due for a check, each taken by one replica (skip locked). */
    @Scheduled(every = "${mail.sending-domain.recheck-poll:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recheckDue() {
        @SuppressWarnings("unchecked")
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                update sending_domain set next_check_at = now() + cast(?1 as interval)
                 where id in (select id from sending_domain where next_check_at <= now()
                               order by next_check_at limit ?2 for update skip locked)
                returning id""", UUID.class)
                .setParameter(1, config.sendingDomain().recheck().toSeconds() + " seconds")
                .setParameter(2, RECHECK_BATCH)
                .getResultList());
        due.forEach(this::recheck);
    }

    private Optional<SendingDomainView> recheck(UUID id) {
        Optional<SendingDomain> before = QuarkusTransaction.requiringNew().call(() -> SendingDomain.<SendingDomain>findByIdOptional(id));
        if (before.isEmpty()) {
            return Optional.empty();
        }
        SendingDomain b = before.get();
        DomainCheck.Outcome outcome = check.check(b.domain, b.selector, b.dkimPublicKey);
        Optional<SendingDomainView> after = QuarkusTransaction.requiringNew().call(() -> {
            SendingDomain d = SendingDomain.findById(id);
            if (d == null) {
                return Optional.empty();
            }
            SendingDomain.Status was = d.status;
            apply(d, outcome);
            if (was != d.status) {
                LOG.infof("Sending domain %s of organisation %s: %s -> %s%s", d.domain, d.orgId, was, d.status,
                        d.lastError == null ? "" : " (" + d.lastError + ")");
            }
            return Optional.of(view(d));
        });
        authorisation.forget(b.orgId);
        return after;
    }

    private void apply(SendingDomain d, DomainCheck.Outcome outcome) {
        d.checkedAt = Instant.now();
        d.nextCheckAt = d.checkedAt.plus(config.sendingDomain().recheck());
        if (outcome.error() != null) {
            d.status = SendingDomain.Status.FAILING;
            d.lastError = outcome.error();
            return; // the last records that DNS gave, and what they authorise, hold through a DNS outage
        }
        boolean wrong = outcome.records().stream()
                .anyMatch(r -> r.purpose() == DnsRecord.Purpose.DKIM && r.status() == DnsRecord.Status.WRONG);
        d.status = outcome.dkimPassing() ? SendingDomain.Status.VERIFIED
                : wrong || d.status != SendingDomain.Status.PENDING ? SendingDomain.Status.FAILING
                : SendingDomain.Status.PENDING;
        d.lastError = null;
        d.dkimPassing = outcome.dkimPassing();
        d.returnPathPassing = outcome.returnPathPassing();
        d.dmarcPolicy = outcome.dmarcPolicy();
        d.records = write(outcome.records());
    }

    SendingDomainView view(SendingDomain d) {
        return new SendingDomainView(d.domain, d.status, new SendingDomainView.Dkim(d.selector, "rsa-sha256", DkimKeys.BITS),
                read(d.records), d.dmarcPolicy, d.checkedAt, d.lastError);
    }

    /** The selector of a new key: {@code xs} and the year and month, so a later key can get a new one. */
    private static String selector() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        return String.format("xs%04d%02d", now.getYear(), now.getMonthValue());
    }

    /** The domain a path names, in its stored form; empty when it is no domain (so none is stored under it). */
    private static Optional<String> normalised(String domain) {
        return MailAddress.asciiDomain(Objects.requireNonNullElse(domain, "").trim());
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, "urn:xs-mail:problem:domain-taken", "Conflict", detail, List.of());
    }

    private String write(List<DnsRecord> records) {
        try {
            return json.writeValueAsString(records);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<DnsRecord> read(String records) {
        try {
            return records == null ? List.of() : json.readValue(records, new TypeReference<List<DnsRecord>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
