package no.xsoffice.mail.address;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The address types of the API document, named there so that a list of addresses states its items' rule. */
public final class AddressSchemas {

    private AddressSchemas() {
    }

    @Schema(name = "Address", type = SchemaType.STRING, pattern = MailAddress.PATTERN,
            maxLength = 2 * MailAddress.MAX_LENGTH, examples = "Ola Nordmann <ola@example.com>",
            description = "An e-mail address, bare or after a display name in angle brackets")
    public static final class Named {
        private Named() {
        }
    }

    @Schema(name = "BareAddress", type = SchemaType.STRING, pattern = MailAddress.PLAIN_PATTERN,
            maxLength = MailAddress.MAX_LENGTH, examples = "post@firma.no", description = "An e-mail address without a display name")
    public static final class Bare {
        private Bare() {
        }
    }
}
