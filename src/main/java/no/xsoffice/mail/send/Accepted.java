package no.xsoffice.mail.send;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.transport.TransportKind;

/** The answer to a send: the message is stored and will be delivered. */
@Schema(name = "Accepted")
public record Accepted(UUID id, MessageStatus status, String messageId,
        @Schema(description = "The server the message would leave through now; resolved again at delivery")
        TransportKind transport,
        @Schema(description = "Recipients not tried because they are on the organisation's suppression list (relay and"
                + " organisation-server mail only); empty when none. A message whose recipients are all suppressed"
                + " becomes FAILED") List<String> suppressed) {
}
