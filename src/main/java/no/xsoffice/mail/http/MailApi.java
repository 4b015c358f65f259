package no.xsoffice.mail.http;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
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
                        + " the replica that saved it, within milliseconds by the others.\n\n"
                        + "Null convention: every field of a response body is always present; a field with no value is"
                        + " null, never left out, and such fields are typed nullable here. Request bodies may leave"
                        + " optional fields out (what that means is in each operation). Problem documents follow RFC"
                        + " 9457 instead: detail and errors may be absent.\n\n"
                        + "Every answer carries X-Request-Id: the caller's own when it sent a sane one (1 to 64 of"
                        + " A-Z a-z 0-9 . _ : -), else a new one; log lines of the request carry it too.",
                contact = @Contact(name = "XS Office, mail team", email = "mail-team@xs-office.no"),
                license = @License(name = "Proprietary", url = "https://xs-office.no/terms")),
        servers = @Server(url = "/", description = "The host the document was read from (/q/openapi); in production"
                + " https://{region}.api.xs-office.no/mail, behind XS Office's gateway"),
        tags = {
                @Tag(name = "SMTP profile", description = "A user's own SMTP server, or the shared one"),
                @Tag(name = "Signatures", description = "Signatures for new messages and for replies and forwards"),
                @Tag(name = "Mail preferences", description = "Default BCC"),
                @Tag(name = "Messages", description = "Sending, sent items and the transport in use"),
                @Tag(name = "Organisation", description = "The organisation's shared SMTP server and sender addresses"),
                @Tag(name = "Provider templates", description = "Known providers' SMTP settings and setup steps, in Norwegian or English"),
                @Tag(name = "OAuth sign-in", description = "XOAUTH2 consent for Google and Microsoft mailboxes"),
        },
        components = @Components(
                headers = {
                        @Header(name = "ETag", description = "The version of the representation; send it back in If-Match",
                                schema = @Schema(type = SchemaType.STRING, example = "\"5f1c0e9b2a7d4e31\"")),
                        @Header(name = "MessageLocation", description = "The message: /api/v1/users/{userId}/messages/{id}",
                                schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
                        @Header(name = "Location", description = "The resource created",
                                schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
                        @Header(name = "RetryAfter", description = "Seconds to wait before trying again",
                                schema = @Schema(type = SchemaType.INTEGER, minimum = "0", example = "5")),
                        @Header(name = "RequestId", description = "The request's id, as in the service's log lines",
                                schema = @Schema(type = SchemaType.STRING)),
                        @Header(name = "WwwAuthenticate", description = "Bearer", schema = @Schema(type = SchemaType.STRING)),
                },
                parameters = @Parameter(name = "If-Match", in = ParameterIn.HEADER, required = false,
                        description = "An ETag from an earlier read: the write goes ahead only while it is current (412"
                                + " otherwise); * or absent: unconditional",
                        schema = @Schema(type = SchemaType.STRING)),
                responses = {
                @APIResponse(name = "BadRequest", responseCode = "400", description = "Invalid request; `errors` names each rejected field",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unauthorized", responseCode = "401", description = "No valid bearer token",
                        headers = @Header(name = "WWW-Authenticate", ref = "WwwAuthenticate"), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Forbidden", responseCode = "403", description = "The token's roles do not allow this",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "NotFound", responseCode = "404", description = "No such user or organisation for this token, or no such resource",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "NotAcceptable", responseCode = "406", description = "Accept names no type this operation answers with (JSON, and problem documents for errors)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "PreconditionFailed", responseCode = "412", description = "If-Match does not match the current ETag",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "TooLarge", responseCode = "413", description = "The message is over the size limit",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "UnsupportedMediaType", responseCode = "415", description = "The body is not of the type this operation reads (application/json)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unprocessable", responseCode = "422", description = "A From address the user may not send as, or an Idempotency-Key reused for another request",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unavailable", responseCode = "503", description = "The database is not answering, or (sending) this replica is already accepting as much mail as it can hold; retry after Retry-After seconds",
                        headers = @Header(name = "Retry-After", ref = "RetryAfter"), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        }))
public class MailApi extends Application {
}
