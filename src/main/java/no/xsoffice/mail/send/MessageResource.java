package no.xsoffice.mail.send;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.http.QueryParams;
import no.xsoffice.mail.problem.Problem;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.Roles;
import no.xsoffice.mail.security.UserRef;

@Path("/api/v1/users/{userId}/messages")
@Tag(name = "Messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class MessageResource {

    private final Caller caller;
    private final MessageService service;

    public MessageResource(Caller caller, MessageService service) {
        this.caller = caller;
        this.service = service;
    }

    @POST
    @Operation(operationId = "sendMessage", summary = "Send a message",
            description = "The message is composed (signature, default BCC, headers) and stored before the answer;"
                    + " a dispatcher delivers it with retries, at once or (with sendAt) at the time asked for. With an"
                    + " Idempotency-Key, the same key and body answer 200 with the first message; the same key with"
                    + " another body is a 422. A key is remembered as long as its message is kept: at least 24 hours"
                    + " after the message is final.")
    @APIResponse(responseCode = "202", description = "Accepted and stored, QUEUED (or SCHEDULED with a later sendAt);"
            + " Location is the message",
            headers = @Header(name = HttpHeaders.LOCATION, ref = "MessageLocation"),
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "200", description = "This Idempotency-Key was already used for this request",
            headers = @Header(name = HttpHeaders.LOCATION, ref = "MessageLocation"),
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response send(@PathParam("userId") String userId,
            @Parameter(description = "Makes a retried request safe: the same key and body give the same message",
                    schema = @Schema(type = SchemaType.STRING, maxLength = MessageService.MAX_KEY_LENGTH))
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            SendRequest request, @Context UriInfo uri) {
        UserRef user = caller.user(userId);
        MessageService.Outcome outcome = service.accept(user, Violations.requireBody(request), idempotencyKey);
        URI location = uri.getBaseUriBuilder().path(MessageResource.class).path(MessageResource.class, "get")
                .build(user.userId(), outcome.accepted().id());
        return Response.status(outcome.created() ? 202 : 200).location(location).entity(outcome.accepted()).build();
    }

    @GET
    @Operation(operationId = "listMessages", summary = "List sent items", description = "Newest first, optionally only those with one status.")
    @APIResponse(responseCode = "200", description = "One page of messages",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MessageView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<MessageView> list(@PathParam("userId") String userId,
            @QueryParam("status") @Parameter(description = "Only messages with this status",
                    schema = @Schema(implementation = MessageStatus.class)) String status,
            @QueryParam("page") @Parameter(description = "Page number, 0 to " + MessageService.MAX_PAGE,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0",
                            maximum = "" + MessageService.MAX_PAGE, defaultValue = "0")) String page,
            @QueryParam("size") @Parameter(description = "Page size, 1 to " + MessageService.MAX_PAGE_SIZE,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                            maximum = "" + MessageService.MAX_PAGE_SIZE, defaultValue = "20")) String size) {
        return service.list(caller.user(userId), QueryParams.enumParam("status", status, MessageStatus.class),
                QueryParams.intParam("page", page, 0), QueryParams.intParam("size", size, 20));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getMessage", summary = "Read one message", description = "Its status and every delivery attempt.")
    @APIResponse(responseCode = "200", description = "The message",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    public MessageView get(@PathParam("userId") String userId, @PathParam("id") UUID id) {
        return service.find(caller.user(userId), id).orElseThrow(() -> ProblemException.notFound("No such message"));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "cancelMessage", summary = "Cancel a message",
            description = "Cancels a message that is SCHEDULED, QUEUED or RETRYING (held ones too): it becomes CANCELLED"
                    + " and is never sent. A message a dispatcher has claimed (SENDING) or that is final (SENT, FAILED,"
                    + " CANCELLED) is a 409. An \"undo send\" is a sendAt a few seconds ahead, cancelled within them.")
    @APIResponse(responseCode = "200", description = "Cancelled; the message as it is now",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "409", description = "Being sent or already final: the detail says which",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MessageView cancel(@PathParam("userId") String userId, @PathParam("id") UUID id) {
        return service.cancel(caller.user(userId), id).orElseThrow(() -> ProblemException.notFound("No such message"));
    }
}
