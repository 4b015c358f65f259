package no.xsoffice.mail.bounce;

import java.io.IOException;
import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.security.Roles;

@Path("/api/v1/inbound/bounces")
@Tag(name = "Delivery events")
@RolesAllowed(Roles.SERVICE)
public class BounceResource {


    private final Bounces bounces;

    public BounceResource(Bounces bounces) {
        this.bounces = bounces;
    }

    @POST
    @Consumes("message/rfc822")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveBounce", summary = "Hand over a returned mail (the relay's bounce domain)",
            description = "Role service. The body is the mail as received (message/rfc822, at most 5 MB), a delivery"
                    + " status notification (RFC 3464). It names its message by the VERP envelope sender it was returned"
                    + " to (b-{id}@MAIL_SYSTEM_BOUNCE_DOMAIN or the sending domain's return path), else by the returned"
                    + " Message-ID; each recipient with Action: failed becomes BOUNCED (reply: its Status and"
                    + " Diagnostic-Code) and a message.bounced event is sent. The same bounce twice changes nothing.")
    @APIResponse(responseCode = "200", description = "The recipients marked BOUNCED",
            content = @Content(schema = @Schema(implementation = Bounces.Result.class)))
    @APIResponse(responseCode = "413", description = "Larger than 5 MB", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "Not a delivery status notification, no failed recipient, or it matches"
            + " no message or recipient", content = @Content(mediaType = "application/problem+json"))
    public Bounces.Result receive(InputStream body) throws IOException {
        return bounces.read(InboundMail.read(body, "A returned mail"));
    }
}
