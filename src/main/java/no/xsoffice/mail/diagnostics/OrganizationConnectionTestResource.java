package no.xsoffice.mail.diagnostics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.Roles;

@Path("/api/v1/organizations/{orgId}/smtp-server/test")
@Tag(name = "Organisation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class OrganizationConnectionTestResource {

    private final Caller caller;
    private final ConnectionTestService service;

    public OrganizationConnectionTestResource(Caller caller, ConnectionTestService service) {
        this.caller = caller;
        this.service = service;
    }

    @POST
    @Operation(operationId = "testOrganizationSmtpServer", summary = "Test the organisation's shared SMTP server, saved or not",
            description = UserConnectionTestResource.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The test ran; ok says whether every stage passed",
            content = @Content(schema = @Schema(implementation = ConnectionTestResult.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public ConnectionTestResult test(@PathParam("orgId") String orgId,
            @RequestBody(required = false, description = "Unsaved settings to try (a password left out means the stored one) and/or sendTo; none: the saved settings, dry run",
                    content = @Content(schema = @Schema(implementation = ConnectionTestRequest.class))) ConnectionTestRequest request) {
        return service.testOrganization(caller.organization(orgId), request, caller.email());
    }
}
