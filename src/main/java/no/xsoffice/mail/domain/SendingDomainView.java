package no.xsoffice.mail.domain;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A sending domain as its organisation's admin sees it: what to publish, and what DNS says. */
@Schema(name = "SendingDomain")
public record SendingDomainView(
        @Schema(example = "firma.no", format = "hostname") String domain,
        @Schema(description = "PENDING (the DKIM record is not published yet), VERIFIED (the DKIM record passes: relay"
                + " mail from the domain is signed), FAILING (DNS could not be asked, the DKIM record is wrong, or it"
                + " passed before and does not now)") SendingDomain.Status status,
        Dkim dkim,
        @Schema(description = "The records to publish: DKIM (required), RETURN_PATH (when the relay has a bounce"
                + " domain), and SPF and DMARC as advice") List<DnsRecord> records,
        @Schema(description = "The DMARC policy the domain publishes: none, quarantine, reject or absent (null before"
                + " the first check that reached DNS)", nullable = true, enumeration = { "none", "quarantine", "reject", "absent" })
        String dmarcPolicy,
        @Schema(description = "When DNS was last asked; null before the first check", nullable = true) Instant checkedAt,
        @Schema(description = "Why the last check could not be made (DNS timeout or failure); null when it could", nullable = true)
        String error) {

    /** The DKIM key the service made for the domain; the private key is never shown. */
    @Schema(name = "SendingDomainDkim")
    public record Dkim(@Schema(example = "xs202611") String selector,
            @Schema(example = "rsa-sha256") String algorithm, @Schema(example = "2048") int keyBits) {
    }

    /** The body of {@code POST …/sending-domains}. */
    @Schema(name = "SendingDomainRequest", additionalProperties = Schema.False.class)
    public record Request(@Schema(example = "firma.no", required = true) String domain) {
    }
}
