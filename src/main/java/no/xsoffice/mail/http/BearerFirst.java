package no.xsoffice.mail.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.UnauthorizedException;

/**
 * A call to {@code /api} without a bearer token is a 401 before anything else is looked at: content negotiation
 * (406), the method (405) or the body (415) would otherwise answer first and tell a client without a token the
 * wrong thing to fix. Only the OAuth callback, which the provider's redirect reaches without a token, and the one-click
 * unsubscribe links of bulk mail, which a recipient's mail program posts without one (its token is signed), are exempt. An
 * invalid token is the security layer's to refuse, after the request is matched.
 */
public class BearerFirst {

    private static final String CALLBACK = "/api/v1/oauth/callback";
    private static final String UNSUBSCRIBE = "/api/v1/unsubscribe/";

    @ServerRequestFilter(preMatching = true)
    public void requireBearer(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || path.equals(CALLBACK) || path.startsWith(CALLBACK + "/")
                || path.startsWith(UNSUBSCRIBE)) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedException();
        }
    }
}
