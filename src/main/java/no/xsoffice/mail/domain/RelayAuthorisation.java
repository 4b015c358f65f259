package no.xsoffice.mail.domain;

import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.address.Verp;
import no.xsoffice.mail.dns.Dns;
import no.xsoffice.mail.mime.MimeHeaders;
import no.xsoffice.mail.security.SecretCipher;
import no.xsoffice.mail.transport.SystemRelayConfig;

/**
 * What XS Office's relay does with one message's sender: sign it with the DKIM key of its From domain (or a
 * parent) when that domain passes, use the domain's return path as envelope sender when its CNAME resolves, or
 * rewrite its From when the domain is not authorised and its DMARC policy would have the mail quarantined or
 * rejected. An organisation's passing domains are held for a minute (forgotten at once on this replica when they
 * change); DMARC policies for an hour (a failed look-up for a minute, and then nothing is rewritten).
 */
@ApplicationScoped
public class RelayAuthorisation {

    private static final Logger LOG = Logger.getLogger(RelayAuthorisation.class);
    private static final Duration DOMAINS_FOR = Duration.ofMinutes(1);
    private static final Duration POLICY_FOR = Duration.ofHours(1);
    private static final Duration FAILED_POLICY_FOR = Duration.ofMinutes(1);
    private static final int MAX_POLICIES = 10_000;

    /** Signing with one domain's key. */
    public record Signing(String domain, String selector, PrivateKey key) {
    }

    /** The From header replaced: why, and by what. */
    public record Rewrite(String reason, String sentAs) {
    }

    /** How one relay message goes out: envelope sender, the signing (or null) and the rewrite (or null). */
    public record Plan(String mailFrom, Signing signing, Rewrite rewrite) {
    }

    private record Passing(UUID id, String domain, String selector, String ciphertext, boolean returnPath) {
    }

    private record Domains(List<Passing> passing, Instant until) {
    }

    private record Policy(String policy, Instant until) {
    }

    private final SystemRelayConfig relay;
    private final SendingDomainConfig config;
    private final DomainCheck check;
    private final SecretCipher cipher;
    private final DataSource dataSource;
    private final Map<String, Domains> domains = new ConcurrentHashMap<>();
    private final Map<String, Policy> policies = new ConcurrentHashMap<>();
    private final Map<UUID, PrivateKey> keys = new ConcurrentHashMap<>();

    public RelayAuthorisation(SystemRelayConfig relay, SendingDomainConfig config, DomainCheck check, SecretCipher cipher,
            DataSource dataSource) {
        this.relay = relay;
        this.config = config;
        this.check = check;
        this.cipher = cipher;
        this.dataSource = dataSource;
    }

    /** The plan for a message from {@code fromAddress} of organisation {@code orgId}, through the relay. */
    public Plan plan(String orgId, String fromAddress) {
        return plan(orgId, fromAddress, null);
    }

    /** The plan, with the sender's display name for the rewritten From ({@code effective-transport}). */
    public Plan plan(String orgId, String fromAddress, String displayName) {
        String fallback = relay.from().orElse(fromAddress);
        String fromDomain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        Optional<Passing> authorised = authorising(orgId, fromDomain);
        if (authorised.isPresent()) {
            Passing p = authorised.get();
            String mailFrom = p.returnPath() && config.system().bounceDomain().isPresent()
                    ? localPart(fallback) + "@" + check.returnPathHost(p.domain()) : fallback;
            PrivateKey key = keys.computeIfAbsent(p.id(),
                    id -> DkimKeys.privateKey(cipher.decrypt(p.ciphertext(), SendingDomain.binding(id))));
            return new Plan(mailFrom, new Signing(p.domain(), p.selector(), key), null);
        }
        return new Plan(fallback, null, rewrite(fromDomain, fromAddress, displayName).orElse(null));
    }

    /**
     * The envelope sender of one relay message. With {@code MAIL_SYSTEM_BOUNCE_DOMAIN} set it is a per-message VERP
     * address ({@link no.xsoffice.mail.address.Verp}): on the sending domain's return path when that applies (so SPF
     * aligns), else on the bounce domain; without it, the plan's.
     */
    public String envelopeSender(Plan plan, UUID messageId) {
        Optional<String> bounceDomain = config.system().bounceDomain();
        if (bounceDomain.isEmpty()) {
            return plan.mailFrom();
        }
        String host = domainOf(plan.mailFrom());
        boolean returnPath = plan.signing() != null && host.equalsIgnoreCase(check.returnPathHost(plan.signing().domain()));
        return Verp.localPart(messageId) + "@" + (returnPath ? host : bounceDomain.get());
    }

    /**
     * The stored bytes as the relay sends them: the From rewritten first (and recorded on the message, with the
     * From it was sent as), then signed.
     */
    public byte[] body(Plan plan, UUID messageId, byte[] mime) {
        byte[] out = mime;
        if (plan.rewrite() != null) {
            MimeHead.Field from = MimeHead.of(mime).first("From");
            String sentAs = from == null ? plan.rewrite().sentAs() : FromRewrite.sentAs(from.value().trim(), relay.from().orElseThrow());
            recordRewrite(messageId, new Rewrite(plan.rewrite().reason(), sentAs));
            out = FromRewrite.rewrite(mime, relay.from().orElseThrow());
        }
        Signing signing = plan.signing();
        return signing == null ? out : DkimSigner.sign(out, signing.domain(), signing.selector(), signing.key(), Instant.now());
    }

    /** The domain relay mail from this address is signed for, if any. */
    public Optional<String> signingDomain(String orgId, String fromAddress) {
        String fromDomain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return authorising(orgId, fromDomain).map(Passing::domain);
    }

    /** Records on the message that its From was rewritten (the message view says so). */
    private void recordRewrite(UUID messageId, Rewrite rewrite) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "update outbox_message set from_rewritten = ?, from_rewritten_as = ? where id = ?")) {
            update.setString(1, rewrite.reason());
            update.setString(2, rewrite.sentAs());
            update.setObject(3, messageId);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("That message %s's From was rewritten could not be recorded: %s", messageId, e.getMessage());
        }
    }

    /** Forgets an organisation's domains, after they changed. */
    void forget(String orgId) {
        domains.remove(orgId);
        keys.clear();
    }

    private Optional<Rewrite> rewrite(String fromDomain, String fromAddress, String displayName) {
        if (!config.system().dmarcRewrite() || relay.from().isEmpty()
                || fromDomain.equalsIgnoreCase(domainOf(relay.from().get()))) {
            return Optional.empty();
        }
        String policy = policy(fromDomain);
        if (!"quarantine".equals(policy) && !"reject".equals(policy)) {
            return Optional.empty();
        }
        return Optional.of(new Rewrite(fromDomain + " publishes DMARC p=" + policy + " and has not authorised XS Office's"
                + " relay (no verified sending domain): From is the relay's, Reply-To is " + fromAddress,
                FromRewrite.sentAs(displayName == null ? fromAddress
                        : MimeHeaders.mailbox(new MailAddress(displayName, fromAddress)),
                        relay.from().get())));
    }

    private String policy(String domain) {
        Instant now = Instant.now();
        Policy held = policies.get(domain);
        if (held != null && held.until().isAfter(now)) {
            return held.policy();
        }
        Policy fresh;
        try {
            fresh = new Policy(check.dmarcPolicyOf(domain), now.plus(POLICY_FOR));
        } catch (Dns.Failure e) {
            LOG.infof("DMARC policy of %s unknown (%s): its From is left as it is", domain, e.getMessage());
            fresh = new Policy("unknown", now.plus(FAILED_POLICY_FOR));
        }
        if (policies.size() >= MAX_POLICIES) {
            policies.clear();
        }
        policies.put(domain, fresh);
        return fresh.policy();
    }

    private Optional<Passing> authorising(String orgId, String fromDomain) {
        Instant now = Instant.now();
        Domains held = domains.get(orgId);
        if (held == null || !held.until().isAfter(now)) {
            List<Passing> passing = QuarkusTransaction.requiringNew().call(() -> SendingDomain
                    .<SendingDomain>list("orgId = ?1 and dkimPassing = true", orgId).stream()
                    .map(d -> new Passing(d.id, d.domain, d.selector, d.dkimPrivateCiphertext, d.returnPathPassing))
                    .toList());
            held = new Domains(passing, now.plus(DOMAINS_FOR));
            domains.put(orgId, held);
        }
        return held.passing().stream()
                .filter(p -> fromDomain.equals(p.domain()) || fromDomain.endsWith("." + p.domain()))
                .max((a, b) -> Integer.compare(a.domain().length(), b.domain().length()));
    }

    private static String localPart(String address) {
        int at = address.lastIndexOf('@');
        return at > 0 ? address.substring(0, at) : "bounce";
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
