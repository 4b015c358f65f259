package no.xsoffice.mail.suppression;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.Roles;

@Path("/api/v1/organizations/{orgId}/sending-health")
@Tag(name = "Suppression")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class SendingHealthResource {

    private final Caller caller;
    private final SendingHealth health;

    public SendingHealthResource(Caller caller, SendingHealth health) {
        this.caller = caller;
        this.health = health;
    }

    @GET
    @Operation(operationId = "getSendingHealth", summary = "The organisation's bounce and complaint rates",
            description = "Mail through XS Office's relay and the organisation's server, over the last 24 hours and 7"
                    + " days: recipients accepted, hard bounces, complaints, their rates and a status against the"
                    + " thresholds receivers publish (complaints below 0.1 %, never 0.3 %: Gmail and Yahoo, 2024).")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = SendingHealthView.class)))
    public SendingHealthView get(@PathParam("orgId") String orgId) {
        return health.of(caller.organization(orgId));
    }
}
