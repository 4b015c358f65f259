package no.xsoffice.mail.preferences;

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

@Path("/api/v1/users/{userId}/mail-preferences")
@Tag(name = "Mail preferences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class MailPreferencesResource {

    private final Caller caller;
    private final MailPreferencesService service;
    private final ETags etags;
    private final SettingsReads reads;

    public MailPreferencesResource(Caller caller, MailPreferencesService service, ETags etags, SettingsReads reads) {
        this.caller = caller;
        this.service = service;
        this.etags = etags;
        this.reads = reads;
    }

    @GET
    @Operation(operationId = "getMailPreferences", summary = "Read a user's mail preferences",
            description = "The default BCC (null for none); a user who never saved any gets null.")
    @APIResponse(responseCode = "200", headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"), description = "The preferences, with their ETag",
            content = @Content(schema = @Schema(implementation = MailPreferencesBody.class)))
    public Uni<Response> get(@PathParam("userId") String userId) {
        return reads.read(userId, Kind.PREFERENCES, service::get);
    }

    @PUT
    @Operation(operationId = "putMailPreferences", summary = "Save a user's mail preferences",
            description = "Replaced whole: defaultBcc left out or null means none.")
    @APIResponse(responseCode = "200", headers = @Header(name = HttpHeaders.ETAG, ref = "ETag"), description = "The saved preferences",
            content = @Content(schema = @Schema(implementation = MailPreferencesBody.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response put(@PathParam("userId") String userId, @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid MailPreferencesBody request) {
        return etags.ok(service.put(caller.user(userId), Violations.requireBody(request), ifMatch));
    }
}
