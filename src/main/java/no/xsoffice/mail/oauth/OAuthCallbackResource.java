package no.xsoffice.mail.oauth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where the providers send the browser back after consent. */
@Path("/api/v1/oauth/callback")
@Tag(name = "OAuth sign-in")
public class OAuthCallbackResource {

    private final OAuthConsent consent;

    public OAuthCallbackResource(OAuthConsent consent) {
        this.consent = consent;
    }

    @GET
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "oauthCallback", summary = "The provider's redirect after consent",
            description = "No bearer token: the one-time state names the user. Redirects to MAIL_OAUTH_RETURN_URL with"
                    + " oauth=connected, or oauth=error and a reason.")
    @APIResponse(responseCode = "303", description = "To the front end, with the outcome")
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error) {
        return Response.seeOther(consent.callback(state, code, error)).build();
    }
}
