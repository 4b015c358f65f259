package no.xsoffice.mail.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import no.xsoffice.mail.dns.Dns;

/**
 * Asks DNS whether a domain publishes what the relay needs: the DKIM key (required), the return-path CNAME (when
 * {@code MAIL_SYSTEM_BOUNCE_DOMAIN} is set), and reports its SPF and DMARC records as advice.
 */
@ApplicationScoped
public class DomainCheck {

    /** The outcome of one check; {@code error} set when DNS could not answer. */
    public record Outcome(List<DnsRecord> records, boolean dkimPassing, boolean returnPathPassing, String dmarcPolicy,
            String error) {
    }

    private final Dns dns;
    private final SendingDomainConfig.RelayDomains relay;

    public DomainCheck(Dns dns, SendingDomainConfig config) {
        this.dns = dns;
        this.relay = config.system();
    }

    /** The records to publish, none of them looked up yet. */
    List<DnsRecord> asked(String domain, String selector, String publicKey) {
        List<DnsRecord> records = new ArrayList<>();
        records.add(new DnsRecord(DnsRecord.Purpose.DKIM, "TXT", dkimName(domain, selector), dkimValue(publicKey),
                DnsRecord.Status.MISSING, null));
        relay.bounceDomain().ifPresent(bounce -> records.add(new DnsRecord(DnsRecord.Purpose.RETURN_PATH, "CNAME",
                returnPathHost(domain), bounce.toLowerCase(Locale.ROOT), DnsRecord.Status.MISSING, null)));
        records.add(new DnsRecord(DnsRecord.Purpose.SPF, "TXT", domain, spfAdvice(), DnsRecord.Status.ADVISORY, null));
        records.add(new DnsRecord(DnsRecord.Purpose.DMARC, "TXT", "_dmarc." + domain, "v=DMARC1; p=quarantine; adkim=r; aspf=r",
                DnsRecord.Status.ADVISORY, null));
        return records;
    }

    /** Looks every record up now; a DNS failure ends the check with {@code error} and the records as asked. */
    Outcome check(String domain, String selector, String publicKey) {
        List<DnsRecord> asked = asked(domain, selector, publicKey);
        List<DnsRecord> checked = new ArrayList<>();
        String policy = "absent";
        try {
            for (DnsRecord r : asked) {
                checked.add(switch (r.purpose()) {
                    case DKIM -> dkim(r, publicKey);
                    case RETURN_PATH -> returnPath(r);
                    case SPF -> advice(r, first(dns.txt(domain), "v=spf1"));
                    case DMARC -> advice(r, first(dns.txt(r.name()), "v=DMARC1"));
                });
            }
            for (DnsRecord r : checked) {
                if (r.purpose() == DnsRecord.Purpose.DMARC) {
                    policy = dmarcPolicy(r.found());
                }
            }
        } catch (Dns.Failure e) {
            return new Outcome(asked, false, false, null, e.getMessage());
        }
        boolean dkim = checked.stream().anyMatch(r -> r.purpose() == DnsRecord.Purpose.DKIM && r.status() == DnsRecord.Status.PASS);
        boolean returnPath = checked.stream()
                .anyMatch(r -> r.purpose() == DnsRecord.Purpose.RETURN_PATH && r.status() == DnsRecord.Status.PASS);
        return new Outcome(checked, dkim, returnPath, policy, null);
    }

    /** The DMARC policy a domain publishes ({@code none|quarantine|reject|absent}), from its own or its parents' record. */
    String dmarcPolicyOf(String domain) throws Dns.Failure {
        String name = domain;
        while (name.indexOf('.') > 0) {
            String record = first(dns.txt("_dmarc." + name), "v=DMARC1");
            if (record != null) {
                return dmarcPolicy(record);
            }
            name = name.substring(name.indexOf('.') + 1);
            if (name.indexOf('.') < 0) {
                break;
            }
        }
        return "absent";
    }

    String returnPathHost(String domain) {
        return relay.returnPathLabel() + "." + domain;
    }

    static String dkimName(String domain, String selector) {
        return selector + "._domainkey." + domain;
    }

    static String dkimValue(String publicKey) {
        return "v=DKIM1; k=rsa; p=" + publicKey;
    }

    private String spfAdvice() {
        return relay.spfInclude().map(include -> "v=spf1 include:" + include + " ~all")
                .orElse("v=spf1 (the relay's SPF include: ask XS Office) ~all");
    }

    private DnsRecord dkim(DnsRecord asked, String publicKey) throws Dns.Failure {
        List<String> found = dns.txt(asked.name());
        if (found.isEmpty()) {
            return asked;
        }
        for (String record : found) {
            if (publicKey.equals(tag(record, "p").map(p -> p.replaceAll("\\s", "")).orElse(null))
                    && tag(record, "k").orElse("rsa").equalsIgnoreCase("rsa")) {
                return with(asked, DnsRecord.Status.PASS, record);
            }
        }
        return with(asked, DnsRecord.Status.WRONG, found.get(0));
    }

    private DnsRecord returnPath(DnsRecord asked) throws Dns.Failure {
        Optional<String> target = dns.cname(asked.name());
        if (target.isEmpty()) {
            return asked;
        }
        return with(asked, target.get().equals(asked.value()) ? DnsRecord.Status.PASS : DnsRecord.Status.WRONG, target.get());
    }

    private static DnsRecord advice(DnsRecord asked, String found) {
        return with(asked, DnsRecord.Status.ADVISORY, found);
    }

    private static DnsRecord with(DnsRecord r, DnsRecord.Status status, String found) {
        return new DnsRecord(r.purpose(), r.type(), r.name(), r.value(), status, found);
    }

    private static String first(List<String> records, String version) {
        return records.stream().filter(r -> r.regionMatches(true, 0, version, 0, version.length())).findFirst().orElse(null);
    }

    static String dmarcPolicy(String record) {
        if (record == null) {
            return "absent";
        }
        String p = tag(record, "p").orElse("none").toLowerCase(Locale.ROOT);
        return switch (p) {
            case "quarantine", "reject" -> p;
            default -> "none";
        };
    }

    /** A tag's value in a {@code tag=value; …} record (RFC 6376 3.2). */
    static Optional<String> tag(String record, String name) {
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return Optional.of(part.substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }
}
