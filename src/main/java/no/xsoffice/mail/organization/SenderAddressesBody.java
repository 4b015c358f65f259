package no.xsoffice.mail.organization;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The organisation's sender addresses, read and written whole. */
@Schema(name = "SenderAddresses")
@JsonIgnoreProperties(value = "updatedAt", allowGetters = true)
public record SenderAddressesBody(
        @Schema(description = "At most " + OrganizationService.MAX_SENDER_ADDRESSES + " plain addresses",
                examples = "[\"post@firma.no\", \"faktura@firma.no\"]")
        List<String> addresses,
        @Schema(description = "When it was last saved; null before the first save (read-only: ignored in a request)", readOnly = true, nullable = true)
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) Instant updatedAt) {

    static final SenderAddressesBody NONE = new SenderAddressesBody(List.of(), null);

    static SenderAddressesBody of(SenderAddresses s) {
        return new SenderAddressesBody(List.copyOf(s.addresses), s.updatedAt);
    }
}
