package no.xsoffice.mail.security;

import java.time.Duration;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * Dev mode only: a signed token for any user, organisation and role, so that the API can be
 * tried with curl. Signed with the dev key; not part of a prod build.
 */
@IfBuildProfile("dev")
@Path("/dev/token")
public class DevTokenResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String token(@QueryParam("user") @DefaultValue("kari") String user,
            @QueryParam("org") @DefaultValue("acme") String org,
            @QueryParam("role") @DefaultValue(Roles.USER) String role,
            @QueryParam("email") @DefaultValue("kari@firma.no") String email,
            @QueryParam("name") @DefaultValue("Kari Nordmann") String name) {
        return Jwt.subject(user)
                .claim("org", org)
                .groups(role)
                .claim("email", email)
                .claim("name", name)
                .expiresIn(Duration.ofHours(8))
                .sign();
    }
}
