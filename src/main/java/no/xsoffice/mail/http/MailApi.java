package no.xsoffice.mail.http;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.problem.Problem;

/** The API's description, with the problem answers every operation shares. */
@OpenAPIDefinition(
        info = @Info(title = "xs-mail", version = "1.0.0",
                description = "Outgoing-mail service of XS Office: personal mail settings (own SMTP server or the shared"
                        + " one, signatures, default BCC) and durable sending. Every /api call carries a bearer JWT"
                        + " (RS256) with the claims sub, org, groups (user, org-admin, service) and email. In"
                        + " /users/{userId} paths, `me` is the caller. A user may touch only their own data, an"
                        + " org-admin or a service any user of the token's organisation; a user of another"
                        + " organisation is answered 404. Every error is an RFC 9457 problem document"
                        + " (application/problem+json); validation problems list each rejected field in `errors`."
                        + " GET answers carry an ETag; a PUT or DELETE with If-Match fails with 412 when the"
                        + " resource changed in between. A saved setting is returned by every later read: at once by"
                        + " the replica that saved it, within milliseconds by the others."),
        tags = {
                @Tag(name = "SMTP profile", description = "A user's own SMTP server, or the shared one"),
                @Tag(name = "Signatures", description = "Signatures for new messages and for replies and forwards"),
                @Tag(name = "Mail preferences", description = "Default BCC"),
                @Tag(name = "Messages", description = "Sending, sent items and the transport in use"),
                @Tag(name = "Organisation", description = "The organisation's shared SMTP server and sender addresses"),
                @Tag(name = "Provider templates", description = "Known providers' SMTP settings and setup steps, in Norwegian or English"),
        },
        components = @Components(responses = {
                @APIResponse(name = "BadRequest", responseCode = "400", description = "Invalid request; `errors` names each rejected field",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unauthorized", responseCode = "401", description = "No valid bearer token",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Forbidden", responseCode = "403", description = "The token's roles do not allow this",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "NotFound", responseCode = "404", description = "No such user or organisation for this token",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "PreconditionFailed", responseCode = "412", description = "If-Match does not match the current ETag",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "TooLarge", responseCode = "413", description = "The message is over the size limit",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unprocessable", responseCode = "422", description = "A From address the user may not send as, or an Idempotency-Key reused for another request",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unavailable", responseCode = "503", description = "The database is not answering, or (sending) this replica is already accepting as much mail as it can hold; retry after Retry-After seconds",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        }))
public class MailApi extends Application {
}
