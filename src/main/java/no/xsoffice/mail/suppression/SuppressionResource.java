package no.xsoffice.mail.suppression;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.http.QueryParams;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.Roles;

@Path("/api/v1/organizations/{orgId}/suppressions")
@Tag(name = "Suppression", description = "Addresses the organisation's mail through XS Office's relay and its shared"
        + " server no longer goes to: after a hard bounce, soft bounces (MAIL_SUPPRESSION_SOFT_BOUNCES within"
        + " MAIL_SUPPRESSION_SOFT_WINDOW, for MAIL_SUPPRESSION_SOFT_EXPIRY), a complaint, a one-click unsubscribe, or"
        + " an administrator's entry. Mail through a user's own server is not held to it. Addresses are compared"
        + " without regard to case.")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class SuppressionResource {

    private final Caller caller;
    private final Suppressions suppressions;

    public SuppressionResource(Caller caller, Suppressions suppressions) {
        this.caller = caller;
        this.suppressions = suppressions;
    }

    @GET
    @Operation(operationId = "listSuppressions", summary = "List the organisation's suppressed addresses",
            description = "Newest first; entries that expired are not listed.")
    @APIResponse(responseCode = "200", description = "One page of entries",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SuppressionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<SuppressionView> list(@PathParam("orgId") String orgId,
            @QueryParam("address") @Parameter(description = "Only addresses containing this text, case aside",
                    schema = @Schema(type = SchemaType.STRING, maxLength = MailAddress.MAX_LENGTH)) String address,
            @QueryParam("reason") @Parameter(description = "Only entries with this reason",
                    schema = @Schema(implementation = SuppressionReason.class)) String reason,
            @QueryParam("page") @Parameter(description = "Page number, 0 to " + Suppressions.MAX_PAGE,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0",
                            maximum = "" + Suppressions.MAX_PAGE, defaultValue = "0")) String page,
            @QueryParam("size") @Parameter(description = "Page size, 1 to " + Suppressions.MAX_PAGE_SIZE,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                            maximum = "" + Suppressions.MAX_PAGE_SIZE, defaultValue = "20")) String size) {
        String org = caller.organization(orgId);
        if (address != null && (address.length() > MailAddress.MAX_LENGTH || MailAddress.hasControl(address))) {
            throw ProblemException.invalid("address", "must be at most " + MailAddress.MAX_LENGTH
                    + " characters without control characters");
        }
        return suppressions.page(org, address == null || address.isBlank() ? null : address, QueryParams.enumParam("reason", reason, SuppressionReason.class),
                QueryParams.intParam("page", page, 0), QueryParams.intParam("size", size, 20));
    }

    @GET
    @Path("{address}")
    @Operation(operationId = "getSuppression", summary = "Read one suppressed address",
            description = "404 when the address is not suppressed (or its entry expired).")
    @APIResponse(responseCode = "200", description = "The entry",
            content = @Content(schema = @Schema(implementation = SuppressionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public SuppressionView get(@PathParam("orgId") String orgId, @PathParam("address") @Parameter(
            description = "The address", schema = @Schema(type = SchemaType.STRING, maxLength = MailAddress.MAX_LENGTH)) String address) {
        String org = caller.organization(orgId);
        return suppressions.find(org, valid(address)).orElseThrow(SuppressionResource::missing);
    }

    @PUT
    @Path("{address}")
    @Operation(operationId = "putSuppression", summary = "Suppress an address (MANUAL)",
            description = "No body. The entry is MANUAL, until lifted, with the administrator's user id in createdBy;"
                    + " an address already suppressed until lifted keeps its entry. Sends suppression.created when the"
                    + " list changes.")
    @APIResponse(responseCode = "200", description = "The entry in force",
            content = @Content(schema = @Schema(implementation = SuppressionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public SuppressionView put(@PathParam("orgId") String orgId, @PathParam("address") @Parameter(
            description = "The address", schema = @Schema(type = SchemaType.STRING, maxLength = MailAddress.MAX_LENGTH)) String address) {
        String org = caller.organization(orgId);
        return suppressions.putManual(org, valid(address), caller.userId());
    }

    @DELETE
    @Produces(MediaType.WILDCARD) // 204 has no body: any Accept is served, and a missing token is a 401
    @Path("{address}")
    @Operation(operationId = "deleteSuppression", summary = "Lift a suppression",
            description = "Whatever its reason; the address's soft bounces are forgotten too. Sends suppression.deleted.")
    @APIResponse(responseCode = "204", description = "Lifted: mail goes to the address again")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public void delete(@PathParam("orgId") String orgId, @PathParam("address") @Parameter(
            description = "The address", schema = @Schema(type = SchemaType.STRING, maxLength = MailAddress.MAX_LENGTH)) String address) {
        String org = caller.organization(orgId);
        if (!suppressions.lift(org, valid(address))) {
            throw missing();
        }
    }

    private static String valid(String address) {
        return MailAddress.plain(address).orElseThrow(() -> ProblemException.invalid("address",
                "must be an e-mail address such as ola@example.com"));
    }

    private static ProblemException missing() {
        return ProblemException.notFound("The address is not on the organisation's suppression list");
    }
}
