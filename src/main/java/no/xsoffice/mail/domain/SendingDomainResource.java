package no.xsoffice.mail.domain;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.Roles;

@Path("/api/v1/organizations/{orgId}/sending-domains")
@Tag(name = "Sending domains", description = "Domains the organisation authorises XS Office's relay to send for:"
        + " the admin publishes a DKIM key (and a return-path CNAME) in the domain's DNS, which proves control of it;"
        + " the domain need not be one of the organisation's sender addresses or users' addresses yet.")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class SendingDomainResource {

    private final Caller caller;
    private final SendingDomainService service;

    public SendingDomainResource(Caller caller, SendingDomainService service) {
        this.caller = caller;
        this.service = service;
    }

    @GET
    @Operation(operationId = "listSendingDomains", summary = "List the organisation's sending domains",
            description = "Each with the records to publish and what DNS said at its last check.")
    @APIResponse(responseCode = "200", description = "The domains, by name",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SendingDomainView.class)))
    public List<SendingDomainView> list(@PathParam("orgId") String orgId) {
        return service.list(caller.organization(orgId));
    }

    @POST
    @Operation(operationId = "createSendingDomain", summary = "Register a sending domain",
            description = "Makes an RSA-2048 DKIM key for the domain (the private key is kept sealed and never shown)"
                    + " and checks DNS at once. A domain is registered by one organisation only (409 for another)."
                    + " Any domain the admin can publish records in may be registered: publishing the DKIM record is"
                    + " the proof of control, so it need not be among the organisation's addresses.")
    @APIResponse(responseCode = "201", description = "Registered; Location names it",
            headers = @Header(name = "Location", ref = "Location"),
            content = @Content(schema = @Schema(implementation = SendingDomainView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", description = "The domain is already registered, by this or another organisation",
            content = @Content(mediaType = "application/problem+json"))
    public Response create(@PathParam("orgId") String orgId, SendingDomainView.Request request) {
        SendingDomainView created = service.create(caller.organization(orgId), request);
        return Response.created(URI.create("/api/v1/organizations/" + orgId + "/sending-domains/" + created.domain()))
                .entity(created).build();
    }

    @GET
    @Path("{domain}")
    @Operation(operationId = "getSendingDomain", summary = "Read one sending domain",
            description = "The records to publish and what DNS said at the last check (POST …/verify checks now).")
    @APIResponse(responseCode = "200", description = "The domain",
            content = @Content(schema = @Schema(implementation = SendingDomainView.class)))
    public SendingDomainView get(@PathParam("orgId") String orgId, @PathParam("domain") String domain) {
        return service.get(caller.organization(orgId), domain).orElseThrow(SendingDomainResource::missing);
    }

    @DELETE
    @Produces(MediaType.WILDCARD) // 204 has no body: any Accept is served, and a missing token is a 401
    @Path("{domain}")
    @Operation(operationId = "deleteSendingDomain", summary = "Remove a sending domain", description = "Relay mail from it is no longer signed; its key is deleted.")
    @APIResponse(responseCode = "204", description = "Removed")
    public void delete(@PathParam("orgId") String orgId, @PathParam("domain") String domain) {
        if (!service.delete(caller.organization(orgId), domain)) {
            throw missing();
        }
    }

    @POST
    @Path("{domain}/verify")
    @Operation(operationId = "verifySendingDomain", summary = "Check the domain's DNS records now",
            description = "A DNS failure or timeout is not an error of this call: the domain is then FAILING with the"
                    + " reason in error, and keeps what the last answered check found.")
    @APIResponse(responseCode = "200", description = "The domain after the check",
            content = @Content(schema = @Schema(implementation = SendingDomainView.class)))
    public SendingDomainView verify(@PathParam("orgId") String orgId, @PathParam("domain") String domain) {
        return service.verify(caller.organization(orgId), domain).orElseThrow(SendingDomainResource::missing);
    }

    private static ProblemException missing() {
        return ProblemException.notFound("The organisation has no such sending domain");
    }
}
