package no.xsoffice.mail.organization;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.address.AddressSchemas;
import no.xsoffice.mail.address.Mailbox;
import no.xsoffice.mail.address.NoControl;

/** The organisation's sender addresses, read and written whole. */
@Schema(name = "SenderAddresses", additionalProperties = Schema.False.class)
@JsonIgnoreProperties(value = "updatedAt", allowGetters = true)
public record SenderAddressesBody(
        @Schema(description = "Plain addresses, at most " + OrganizationService.MAX_SENDER_ADDRESSES + "; an empty list for none",
                examples = "[\"post@firma.no\", \"faktura@firma.no\"]", type = SchemaType.ARRAY, implementation = AddressSchemas.Bare.class)
        @NotNull(message = "is required (an empty list for none)")
        @Size(max = OrganizationService.MAX_SENDER_ADDRESSES, message = "must hold at most "
                + OrganizationService.MAX_SENDER_ADDRESSES + " addresses")
        List<@NotNull(message = ADDRESS) @NoControl(message = ADDRESS) @Mailbox(plain = true, message = ADDRESS)
                String> addresses,
        @Schema(description = "When it was last saved; null before the first save (read-only: ignored in a request)", readOnly = true, nullable = true)
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) Instant updatedAt) {

    static final String ADDRESS = "must be a valid e-mail address";
    static final SenderAddressesBody NONE = new SenderAddressesBody(List.of(), null);

    static SenderAddressesBody of(SenderAddresses s) {
        return new SenderAddressesBody(List.copyOf(s.addresses), s.updatedAt);
    }
}
