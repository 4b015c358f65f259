package no.xsoffice.mail.oauth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
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

@Path("/api/v1/users/{userId}/smtp-profile/oauth")
@Tag(name = "OAuth sign-in")
@Produces(MediaType.APPLICATION_JSON)
public class OAuthConsentResource {

    private final Caller caller;
    private final OAuthConsent consent;

    public OAuthConsentResource(Caller caller, OAuthConsent consent) {
        this.caller = caller;
        this.consent = consent;
    }

    @POST
    @Path("authorize")
    @RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
    @Operation(operationId = "authorizeOAuth", summary = "Start the user's OAuth consent",
            description = "The profile must use authMethod XOAUTH2. Send the user's browser to the returned URL; the"
                    + " provider sends it back to /api/v1/oauth/callback.")
    @APIResponse(responseCode = "200", description = "The provider's authorization URL",
            content = @Content(schema = @Schema(implementation = AuthorizationView.class)))
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public AuthorizationView authorize(@PathParam("userId") String userId) {
        return consent.authorize(caller.user(userId));
    }

    @DELETE
    @Produces(MediaType.WILDCARD) // 204 has no body: any Accept is served, and a missing token is a 401
    @RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
    @Operation(operationId = "deleteOAuth", summary = "Revoke and forget the user's OAuth consent", description = "Mail waits for a new consent.")
    @APIResponse(responseCode = "204", description = "Forgotten, or there was none")
    public void disconnect(@PathParam("userId") String userId) {
        consent.disconnect(caller.user(userId));
    }
}
