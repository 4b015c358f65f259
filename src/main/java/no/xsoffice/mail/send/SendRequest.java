package no.xsoffice.mail.send;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A message the user wants sent, as posted to {@code /users/{userId}/messages}. */
@Schema(name = "SendRequest")
public record SendRequest(
        @Schema(description = "Sender, with an optional display name; default the token's e-mail. Must be the user's"
                + " own address, the profile's SMTP username or an organisation sender address", examples = "kari@firma.no")
        String from,
        @Schema(description = "Recipients, each \"Name <address>\" or a bare address", examples = "[\"Ola <ola@example.com>\"]")
        List<String> to,
        @Schema(description = "Copy recipients") List<String> cc,
        @Schema(description = "Blind copy recipients; never shown to the others") List<String> bcc,
        @Schema(description = "Where replies should go, when not to the sender", examples = "post@firma.no")
        String replyTo,
        @Schema(description = "At most 998 characters; may be empty", examples = "Tilbud") String subject,
        @Schema(description = "Plain-text body; text or html is required", examples = "Hei Ola,\n\nHer er tilbudet.")
        String text,
        @Schema(description = "HTML body; sent with the text as alternatives when both are given",
                examples = "<p>Hei Ola,</p><p>Her er tilbudet.</p>")
        String html,
        @Schema(description = "Picks the signature and the thread headers; default NEW") MessageKind kind,
        @Schema(description = "Message-ID of the message replied to or forwarded (REPLY, FORWARD)",
                examples = "<CAF1x2@mail.example.com>")
        String inReplyTo,
        @Schema(description = "Message-IDs of the thread, oldest first (REPLY, FORWARD)") List<String> references,
        @Schema(description = "Add the user's signature for this kind of message; default true") Boolean signature,
        @Schema(description = "Files to attach") List<Attachment> attachments,
        @Schema(description = "When to send it (RFC 3339, with its offset), at most 30 days ahead; until then the"
                + " message is SCHEDULED and may be cancelled. Left out, in the past or less than a second ahead, it"
                + " is sent at once. A few seconds ahead, it gives the sender time to undo the send",
                type = SchemaType.STRING, format = "date-time", examples = "2026-12-01T08:00:00+01:00")
        String sendAt) {

    /** One attached file, its bytes in base64. */
    @Schema(name = "SendAttachment")
    public record Attachment(
            @Schema(description = "File name shown to the recipient", examples = "tilbud.pdf") String filename,
            @Schema(description = "MIME type; default application/octet-stream", examples = "application/pdf")
            String contentType,
            @Schema(description = "The file's bytes, base64-encoded. Text, HTML and attachments together may be at most"
                    + " MAIL_SEND_MAX_BYTES (25 MB) of their own bytes; base64 makes the request about a third larger",
                    type = SchemaType.STRING, format = "byte", examples = "JVBERi0xLjcK") byte[] content) {
    }
}
