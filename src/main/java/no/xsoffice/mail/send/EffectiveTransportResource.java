package no.xsoffice.mail.send;

import no.xsoffice.mail.transport.SendUsage;
import no.xsoffice.mail.transport.Transport;
import no.xsoffice.mail.transport.TransportKind;
import no.xsoffice.mail.transport.TransportResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.domain.RelayAuthorisation;
import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.UserDirectory;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.security.Roles;
import no.xsoffice.mail.smtp.SendingLimits;

@Path("/api/v1/users/{userId}/effective-transport")
@Tag(name = "Messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class EffectiveTransportResource {

    private final Caller caller;
    private final TransportResolver resolver;
    private final SendUsage usage;

    private final RelayAuthorisation domains;
    private final UserDirectory directory;

    public EffectiveTransportResource(Caller caller, TransportResolver resolver, SendUsage usage,
            RelayAuthorisation domains, UserDirectory directory) {
        this.domains = domains;
        this.directory = directory;
        this.caller = caller;
        this.resolver = resolver;
        this.usage = usage;
    }

    /** Which server the user's next message would use, and why. */
    @Schema(name = "EffectiveTransport")
    public record View(TransportKind transport,
            @Schema(description = "Why this server was chosen") String reason,
            @Schema(description = "The server; null when XS Office's relay is not configured", nullable = true) String host,
            @Schema(nullable = true) Integer port,
            @Schema(description = "False while the server refuses the stored credentials; mail is held") boolean credentialsValid,
            @Schema(description = "The limits deliveries keep to: the server's own, else its provider template's, else"
                    + " the defaults (4 connections)") SendingLimits limits,
            @Schema(description = "What the account has sent in its windows") SendUsage.Usage usage,
            @Schema(description = "Through XS Office's relay: the sending domain mail from the user's own address is"
                    + " DKIM-signed for (null: not signed)", nullable = true) String dkimDomain,
            @Schema(description = "Through XS Office's relay: set when mail from the user's own address would go out"
                    + " with the relay's From (its domain publishes DMARC quarantine or reject and has no verified"
                    + " sending domain); null: the From stays the user's", nullable = true) MessageView.FromRewritten fromRewritten) {
    }

    @GET
    @Operation(operationId = "getEffectiveTransport", summary = "Which server the next message would use, and why",
            description = "The user's own server unless the profile uses the shared one; else the organisation's"
                    + " shared server; else XS Office's relay. With the limits deliveries keep to and the account's"
                    + " usage: recipients in the last 24 hours, messages in the last minute, and when the next message"
                    + " may go (absent: now).")
    @APIResponse(responseCode = "200", description = "The transport",
            content = @Content(schema = @Schema(implementation = View.class)))
    public View get(@PathParam("userId") String userId) {
        UserRef user = caller.user(userId);
        Transport t = resolver.choose(user);
        String dkimDomain = null;
        MessageView.FromRewritten rewritten = null;
        UserDirectory.Seen seen = directory.find(user);
        if (t.kind() == TransportKind.SYSTEM && t.endpoint() != null && seen != null && seen.email() != null) {
            RelayAuthorisation.Plan plan = domains.plan(user.orgId(), seen.email(), seen.name());
            dkimDomain = plan.signing() == null ? null : plan.signing().domain();
            rewritten = plan.rewrite() == null ? null
                    : new MessageView.FromRewritten(plan.rewrite().reason(), plan.rewrite().sentAs());
        }
        return new View(t.kind(), t.reason(), t.endpoint() == null ? null : t.endpoint().host(),
                t.endpoint() == null ? null : t.endpoint().port(), t.credentialsValid(), t.limits(),
                usage.usage(t.account(), t.limits()), dkimDomain, rewritten);
    }
}
