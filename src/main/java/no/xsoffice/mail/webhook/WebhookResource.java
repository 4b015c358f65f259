package no.xsoffice.mail.webhook;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.Roles;

@Path("/api/v1/organizations/{orgId}/webhooks")
@Tag(name = "Delivery events", description = "Signed webhooks (Standard Webhooks: webhook-id, webhook-timestamp,"
        + " webhook-signature v1 = base64 HMAC-SHA256 of id.timestamp.body with the secret's bytes) telling an"
        + " organisation's services what became of its messages. Body: {type, timestamp, data: {id, messageId, userId,"
        + " status, recipients}}; for suppression.created and suppression.deleted, data is the list's entry {address,"
        + " reason, createdAt, expiresAt, messageId, reply, createdBy}. Delivered at least once (receivers deduplicate by webhook-id), retried with backoff"
        + " for 24 h; message.deferred is sent each time a message is put back to wait.")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class WebhookResource {

    private final Caller caller;
    private final WebhookService service;

    public WebhookResource(Caller caller, WebhookService service) {
        this.caller = caller;
        this.service = service;
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List the organisation's webhook endpoints",
            description = "Without their secrets, each with its last success and failure.")
    @APIResponse(responseCode = "200", description = "The endpoints, oldest first, each with its last failure",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = WebhookView.class)))
    public List<WebhookView> list(@PathParam("orgId") String orgId) {
        return service.list(caller.organization(orgId));
    }

    @POST
    @Operation(operationId = "createWebhook", summary = "Add a webhook endpoint", description = "The answer carries the signing secret, the only time it is shown.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            headers = @Header(name = "Location", ref = "Location"),
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response create(@PathParam("orgId") String orgId, WebhookView.Request request) {
        WebhookView created = service.create(caller.organization(orgId), request);
        return Response.created(URI.create("/api/v1/organizations/" + orgId + "/webhooks/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "Read one webhook endpoint",
            description = "Without its secret, which only the answer to the creation carries.")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public WebhookView get(@PathParam("orgId") String orgId, @PathParam("id") String id) {
        return service.get(caller.organization(orgId), uuid(id)).orElseThrow(WebhookResource::missing);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putWebhook", summary = "Change a webhook endpoint's url and events", description = "The secret stays as it is.")
    @APIResponse(responseCode = "200", description = "The saved endpoint", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public WebhookView put(@PathParam("orgId") String orgId, @PathParam("id") String id, WebhookView.Request request) {
        String org = caller.organization(orgId);
        return service.update(org, uuid(id), request).orElseThrow(WebhookResource::missing);
    }

    @DELETE
    @Produces(MediaType.WILDCARD) // 204 has no body: any Accept is served, and a missing token is a 401
    @Path("{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook endpoint", description = "Its events not delivered yet are dropped.")
    @APIResponse(responseCode = "204", description = "Removed")
    public void delete(@PathParam("orgId") String orgId, @PathParam("id") String id) {
        if (!service.delete(caller.organization(orgId), uuid(id))) {
            throw missing();
        }
    }

    @POST
    @Path("{id}/test")
    @Operation(operationId = "testWebhook", summary = "Send a test event (type webhook.test) now", description = "Answers what the receiver said;"
            + " a receiver that fails is not an error of this call.")
    @APIResponse(responseCode = "200", description = "The receiver's answer",
            content = @Content(schema = @Schema(implementation = WebhookView.TestResult.class)))
    public WebhookView.TestResult test(@PathParam("orgId") String orgId, @PathParam("id") String id) {
        return service.test(caller.organization(orgId), uuid(id)).orElseThrow(WebhookResource::missing);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw missing();
        }
    }

    private static ProblemException missing() {
        return ProblemException.notFound("The organisation has no such webhook endpoint");
    }
}
