package no.xsoffice.mail.organization;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.http.ETags;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.Roles;

@Path("/api/v1/organizations/{orgId}")
@Tag(name = "Organisation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class OrganizationResource {

    private final Caller caller;
    private final OrganizationService service;
    private final ETags etags;

    public OrganizationResource(Caller caller, OrganizationService service, ETags etags) {
        this.caller = caller;
        this.service = service;
        this.etags = etags;
    }

    @GET
    @Path("smtp-server")
    @Operation(operationId = "getOrganizationSmtpServer", summary = "Read the organisation's shared SMTP server",
            description = "404 while none is configured: mail then goes through XS Office's relay.")
    @APIResponse(responseCode = "200", headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"), description = "The server, with its ETag",
            content = @Content(schema = @Schema(implementation = SmtpServerView.class)))
    public Response server(@PathParam("orgId") String orgId) {
        return service.server(caller.organization(orgId)).map(etags::ok)
                .orElseThrow(() -> ProblemException.notFound("The organisation has no shared SMTP server; XS Office's relay is used"));
    }

    @PUT
    @Path("smtp-server")
    @Operation(operationId = "putOrganizationSmtpServer", summary = "Save the organisation's shared SMTP server",
            description = "Leaving out password keeps the stored one, but only while host, port and username stay the same."
                    + " Every other field is replaced as given: limits left out, null or {} leave the server with no"
                    + " limits of its own (the defaults apply).")
    @APIResponse(responseCode = "200", headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"), description = "The saved server",
            content = @Content(schema = @Schema(implementation = SmtpServerView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response putServer(@PathParam("orgId") String orgId, @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            SmtpServerRequest request) {
        return etags.ok(service.putServer(caller.organization(orgId), Violations.requireBody(request), ifMatch));
    }

    @DELETE
    @Produces(MediaType.WILDCARD) // 204 has no body: any Accept is served, and a missing token is a 401
    @Path("smtp-server")
    @Operation(operationId = "deleteOrganizationSmtpServer", summary = "Remove the organisation's shared SMTP server", description = "Mail falls back to XS Office's relay.")
    @APIResponse(responseCode = "204", description = "Removed, or there was none")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public void deleteServer(@PathParam("orgId") String orgId, @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.deleteServer(caller.organization(orgId), ifMatch);
    }

    @GET
    @Path("sender-addresses")
    @Operation(operationId = "getSenderAddresses", summary = "Read the organisation's shared sender addresses",
            description = "The addresses every user of the organisation may send as, besides their own.")
    @APIResponse(responseCode = "200", headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"), description = "The addresses (an empty list when none are set)",
            content = @Content(schema = @Schema(implementation = SenderAddressesBody.class)))
    public Response senderAddresses(@PathParam("orgId") String orgId) {
        return etags.ok(service.senderAddresses(caller.organization(orgId)));
    }

    @PUT
    @Path("sender-addresses")
    @Operation(operationId = "putSenderAddresses", summary = "Replace the organisation's shared sender addresses",
            description = "Addresses are stored in lower case, duplicates once.")
    @APIResponse(responseCode = "200", headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"), description = "The saved addresses",
            content = @Content(schema = @Schema(implementation = SenderAddressesBody.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response putSenderAddresses(@PathParam("orgId") String orgId,
            @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid SenderAddressesBody request) {
        return etags.ok(service.putSenderAddresses(caller.organization(orgId), Violations.requireBody(request), ifMatch));
    }
}
