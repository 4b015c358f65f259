package no.xsoffice.mail.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One record the organisation publishes (or is advised to), and what DNS says now. */
@Schema(name = "SendingDomainRecord")
public record DnsRecord(
        @Schema(description = "DKIM, RETURN_PATH, SPF or DMARC") Purpose purpose,
        @Schema(description = "TXT or CNAME", enumeration = { "TXT", "CNAME" }) String type,
        @Schema(description = "The full name to publish the record at", example = "xs202611._domainkey.firma.no") String name,
        @Schema(description = "The value to publish") String value,
        @Schema(description = "PASS (published as asked), MISSING, WRONG (something else is published there) or"
                + " ADVISORY (advice: SPF and DMARC are the organisation's own policy)") Status status,
        @Schema(description = "What DNS holds there now (null: nothing, or not checked yet)", nullable = true) String found) {

    @Schema(name = "DnsRecordPurpose")
    public enum Purpose { DKIM, RETURN_PATH, SPF, DMARC }

    @Schema(name = "DnsRecordStatus")
    public enum Status { PASS, MISSING, WRONG, ADVISORY }
}
