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
import no.xsoffice.mail.security.UserDirectory;
import no.xsoffice.mail.security.UserRef;

@Path("/api/v1/users/{userId}/smtp-profile/test")
@Tag(name = "SMTP profile")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class UserConnectionTestResource {

    static final String DESCRIPTION = "Runs the stages DNS, CONNECT, TLS, EHLO, AUTH, MAIL FROM, RCPT TO and DATA"
            + " against the server and reports each, stopping at the first that fails, with a hint for what to change."
            + " Fields given in the body are tried instead of the saved ones (nothing is saved); an empty body tests"
            + " the saved settings. A password left out means the stored one, only while host, port and username are"
            + " the saved ones. Without sendTo it is a dry run: it stops at DATA's 354 and sends nothing; with"
            + " sendTo one real test mail goes to that address. A completed test is 200 whether it passed or not;"
            + " each stage waits at most a few seconds.";

    private final Caller caller;
    private final ConnectionTestService service;
    private final UserDirectory directory;

    public UserConnectionTestResource(Caller caller, ConnectionTestService service, UserDirectory directory) {
        this.caller = caller;
        this.service = service;
        this.directory = directory;
    }

    @POST
    @Operation(operationId = "testSmtpProfile", summary = "Test a user's SMTP settings, saved or not", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The test ran; ok says whether every stage passed",
            content = @Content(schema = @Schema(implementation = ConnectionTestResult.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public ConnectionTestResult test(@PathParam("userId") String userId,
            @RequestBody(required = false, description = "Unsaved settings to try (a password left out means the stored one) and/or sendTo; none: the saved settings, dry run",
                    content = @Content(schema = @Schema(implementation = ConnectionTestRequest.class))) ConnectionTestRequest request) {
        UserRef user = caller.user(userId);
        String ownAddress = user.userId().equals(caller.userId()) ? caller.email() : directory.find(user).email();
        return service.testProfile(user, request, ownAddress);
    }
}
