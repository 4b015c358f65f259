package no.xsoffice.mail.smtp;

import jakarta.annotation.security.RolesAllowed;
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

import io.smallrye.mutiny.Uni;
import no.xsoffice.mail.http.ETags;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.Roles;
import no.xsoffice.mail.settings.SettingsCache.Kind;
import no.xsoffice.mail.settings.SettingsReads;

@Path("/api/v1/users/{userId}/smtp-profile")
@Tag(name = "SMTP profile")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class SmtpProfileResource {

    private final Caller caller;
    private final SmtpProfileService service;
    private final ETags etags;
    private final SettingsReads reads;

    public SmtpProfileResource(Caller caller, SmtpProfileService service, ETags etags, SettingsReads reads) {
        this.caller = caller;
        this.service = service;
        this.etags = etags;
        this.reads = reads;
    }

    @GET
    @Operation(operationId = "getSmtpProfile", summary = "Read a user's SMTP profile",
            description = "A user who never saved one gets useSharedServer true and no server.")
    @APIResponse(responseCode = "200", headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"), description = "The profile, with its ETag",
            content = @Content(schema = @Schema(implementation = SmtpProfileView.class)))
    public Uni<Response> get(@PathParam("userId") String userId) {
        return reads.read(userId, Kind.SMTP_PROFILE, service::get);
    }

    @PUT
    @Operation(operationId = "putSmtpProfile", summary = "Save a user's SMTP profile",
            description = "Leaving out password keeps the stored one, but only while host, port and username stay the"
                    + " same; null clears it. Every other field is replaced as given: limits left out, null or {}"
                    + " leave the profile with no limits of its own (the template's, else the defaults, apply). Saving"
                    + " releases mail held after the server refused the credentials.")
    @APIResponse(responseCode = "200", headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"), description = "The saved profile, with warnings for unusual port and security pairs",
            content = @Content(schema = @Schema(implementation = SmtpProfileView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response put(@PathParam("userId") String userId, @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            SmtpProfileRequest request) {
        return etags.ok(service.put(caller.user(userId), Violations.requireBody(request), ifMatch));
    }

    @DELETE
    @Produces(MediaType.WILDCARD) // 204 has no body: any Accept is served, and a missing token is a 401
    @Operation(operationId = "deleteSmtpProfile", summary = "Forget a user's SMTP profile", description = "The user is back on the shared server.")
    @APIResponse(responseCode = "204", description = "Deleted, or there was none")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public void delete(@PathParam("userId") String userId, @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(caller.user(userId), ifMatch);
    }
}
