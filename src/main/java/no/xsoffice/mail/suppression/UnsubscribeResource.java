package no.xsoffice.mail.suppression;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.problem.ProblemException;

@Path("/api/v1/unsubscribe/{token}")
@Tag(name = "Suppression")
public class UnsubscribeResource {

    /** What a one-click unsubscribe did. */
    @Schema(name = "Unsubscribed")
    public record Unsubscribed(@Schema(description = "The address that no longer gets this organisation's mail",
            examples = "ola@example.com") String address) {
    }

    /** The body RFC 8058 has the mail program post; read as a form, or not at all (any body is accepted). */
    @Schema(name = "OneClickUnsubscribe", additionalProperties = Schema.False.class)
    public record OneClick(@JsonProperty("List-Unsubscribe") @Schema(enumeration = "One-Click") String listUnsubscribe) {
    }

    private final UnsubscribeService service;

    public UnsubscribeResource(UnsubscribeService service) {
        this.service = service;
    }

    @POST
    @PermitAll
    @SecurityRequirements
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "unsubscribe", summary = "One-click unsubscribe (RFC 8058)",
            description = "No authentication: the link of a bulk message's List-Unsubscribe header, posted by the"
                    + " recipient's mail program with the body List-Unsubscribe=One-Click (any body is accepted). The"
                    + " token is signed and names the organisation and the address; the address is suppressed for that"
                    + " organisation with reason UNSUBSCRIBE. The same link twice is still a 200.")
    @APIResponse(responseCode = "200", description = "The address is suppressed",
            content = @Content(schema = @Schema(implementation = Unsubscribed.class)))
    @APIResponse(responseCode = "404", description = "Not a link this service made (altered or made up)",
            content = @Content(mediaType = "application/problem+json"))
    @RequestBody(required = false, description = "List-Unsubscribe=One-Click, as the mail program posts it", content = {
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(implementation = OneClick.class)),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = OneClick.class)) })
    public Unsubscribed unsubscribe(@Parameter(description = "The token of the List-Unsubscribe link",
            schema = @Schema(type = SchemaType.STRING, maxLength = 1000)) @PathParam("token") String token,
            @Parameter(hidden = true) String ignored) {
        return new Unsubscribed(service.unsubscribe(token)
                .orElseThrow(() -> ProblemException.notFound("No such unsubscribe link")));
    }
}
