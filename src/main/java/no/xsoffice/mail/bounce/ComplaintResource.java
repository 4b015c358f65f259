package no.xsoffice.mail.bounce;

import java.io.IOException;
import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.security.Roles;

@Path("/api/v1/inbound/complaints")
@Tag(name = "Suppression")
@RolesAllowed(Roles.SERVICE)
public class ComplaintResource {


    private final Complaints complaints;

    public ComplaintResource(Complaints complaints) {
        this.complaints = complaints;
    }

    @POST
    @Consumes("message/rfc822")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveComplaint", summary = "Hand over a complaint (a feedback loop's report)",
            description = "Role service. The body is the report as received (message/rfc822, at most 5 MB): an Abuse"
                    + " Reporting Format report (RFC 5965, multipart/report; report-type=feedback-report). It names its"
                    + " message by the VERP envelope sender (Original-Mail-From, the returned Return-Path, or where it"
                    + " was sent), else by the returned Message-ID; its recipient (Original-Rcpt-To, else the only one"
                    + " the returned headers or the message name) becomes COMPLAINED, a message.complained event is"
                    + " sent, and for relay and organisation-server mail the address is suppressed (COMPLAINT) for the"
                    + " message's organisation. The same report twice changes nothing.")
    @APIResponse(responseCode = "200", description = "The recipient marked COMPLAINED",
            content = @Content(schema = @Schema(implementation = Complaints.Result.class)))
    @APIResponse(responseCode = "413", description = "Larger than 5 MB", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "Not an ARF report (the problem says what was expected), or it"
            + " matches no message or recipient", content = @Content(mediaType = "application/problem+json"))
    public Complaints.Result receive(InputStream body) throws IOException {
        return complaints.read(InboundMail.read(body, "A report"));
    }
}
