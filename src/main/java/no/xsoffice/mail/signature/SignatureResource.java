package no.xsoffice.mail.signature;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

import io.smallrye.mutiny.Uni;
import no.xsoffice.mail.http.ETags;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.Roles;
import no.xsoffice.mail.settings.SettingsCache.Kind;
import no.xsoffice.mail.settings.SettingsReads;

@Path("/api/v1/users/{userId}/signatures")
@Tag(name = "Signatures")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class SignatureResource {

    private final Caller caller;
    private final SignatureService service;
    private final ETags etags;
    private final SettingsReads reads;

    public SignatureResource(Caller caller, SignatureService service, ETags etags, SettingsReads reads) {
        this.caller = caller;
        this.service = service;
        this.etags = etags;
        this.reads = reads;
    }

    @GET
    @Operation(operationId = "getSignatures", summary = "Read a user's signatures",
            description = "Both signatures as they are appended, null where one is not set.")
    @APIResponse(responseCode = "200", headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"), description = "Both signatures (null when not set), with their ETag",
            content = @Content(schema = @Schema(implementation = SignaturesBody.class)))
    public Uni<Response> get(@PathParam("userId") String userId) {
        return reads.read(userId, Kind.SIGNATURES, service::get);
    }

    @PUT
    @Operation(operationId = "putSignatures", summary = "Save a user's signatures",
            description = "Both are replaced; one left out or null is cleared. HTML is sanitised, and text is derived"
                    + " from it when only HTML is given.")
    @APIResponse(responseCode = "200", headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"), description = "The saved signatures, as they will be used",
            content = @Content(schema = @Schema(implementation = SignaturesBody.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response put(@PathParam("userId") String userId, @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid SignaturesBody request) {
        return etags.ok(service.put(caller.user(userId), Violations.requireBody(request), ifMatch));
    }
}
