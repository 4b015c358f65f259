package no.xsoffice.mail.send;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.address.AddressSchemas;
import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.address.Mailbox;
import no.xsoffice.mail.address.NoControl;

/**
 * A message the user wants sent, as posted to {@code /users/{userId}/messages}. Each field's own rules are its
 * constraints; {@link Complete} asks for a recipient and a body; the limits set by configuration (recipients,
 * attachments, size) are {@link MessageChecks}'.
 */
@Schema(name = "SendRequest", additionalProperties = Schema.False.class)
@SendRequest.Complete
public record SendRequest(
        @Schema(description = "Sender, with an optional display name; default the token's e-mail. Must be the user's"
                + " own address, the profile's SMTP username or an organisation sender address", examples = "kari@firma.no", pattern = MailAddress.PATTERN)
        @NoControl @Mailbox String from,
        @Schema(description = "Recipients, each \"Name <address>\" or a bare address. To, cc and bcc together: at"
                + " least one, at most MAIL_SEND_MAX_RECIPIENTS (100); more is a 400 naming to",
                examples = "[\"Ola <ola@example.com>\"]", maxItems = SendConfig.Send.DEFAULT_MAX_RECIPIENTS,
                type = SchemaType.ARRAY, implementation = AddressSchemas.Named.class)
        List<@NotNull(message = REQUIRED) @NoControl @Mailbox String> to,
        @Schema(description = "Copy recipients", maxItems = SendConfig.Send.DEFAULT_MAX_RECIPIENTS,
                type = SchemaType.ARRAY, implementation = AddressSchemas.Named.class)
        List<@NotNull(message = REQUIRED) @NoControl @Mailbox String> cc,
        @Schema(description = "Blind copy recipients; never shown to the others", maxItems = SendConfig.Send.DEFAULT_MAX_RECIPIENTS,
                type = SchemaType.ARRAY, implementation = AddressSchemas.Named.class)
        List<@NotNull(message = REQUIRED) @NoControl @Mailbox String> bcc,
        @Schema(description = "Where replies should go, when not to the sender", examples = "post@firma.no", pattern = MailAddress.PATTERN)
        @NoControl @Mailbox String replyTo,
        @Schema(description = "May be empty", examples = "Tilbud")
        @NoControl @Size(max = MAX_SUBJECT, message = "must be at most " + MAX_SUBJECT + " characters") String subject,
        @Schema(description = "Plain-text body; text or html is required", examples = "Hei Ola,\n\nHer er tilbudet.")
        String text,
        @Schema(description = "HTML body; sent with the text as alternatives when both are given",
                examples = "<p>Hei Ola,</p><p>Her er tilbudet.</p>")
        String html,
        @Schema(description = "Picks the signature and the thread headers; default NEW") MessageKind kind,
        @Schema(description = "Message-ID of the message replied to or forwarded (REPLY, FORWARD)",
                examples = "<CAF1x2@mail.example.com>")
        @NoControl @Size(max = MAX_MESSAGE_ID, message = MESSAGE_ID_TEXT)
        @Pattern(regexp = MESSAGE_ID, message = MESSAGE_ID_TEXT) String inReplyTo,
        @Schema(description = "Message-IDs of the thread, oldest first (REPLY, FORWARD)")
        List<@NotNull(message = REQUIRED) @NoControl @Size(max = MAX_MESSAGE_ID, message = MESSAGE_ID_TEXT)
                @Pattern(regexp = MESSAGE_ID, message = MESSAGE_ID_TEXT) String> references,
        @Schema(description = "Add the user's signature for this kind of message; default true") Boolean signature,
        @Schema(description = "Files to attach: at most MAIL_SEND_MAX_ATTACHMENTS (20); more is a 400 naming"
                + " attachments", maxItems = SendConfig.Send.DEFAULT_MAX_ATTACHMENTS)
        List<@NotNull(message = REQUIRED) @Valid Attachment> attachments,
        @Schema(description = "When to send it (RFC 3339, with its offset), at most 30 days ahead; until then the"
                + " message is SCHEDULED and may be cancelled. Left out, in the past or less than a second ahead, it"
                + " is sent at once. A few seconds ahead, it gives the sender time to undo the send",
                type = SchemaType.STRING, format = "date-time", examples = "2026-12-01T08:00:00+01:00")
        String sendAt,
        @Schema(description = "Bulk mail (a newsletter, a campaign): it carries List-Unsubscribe (https and mailto) and"
                + " List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058), and the one-click link suppresses the"
                + " recipient for the organisation. The link names one address, so bulk mail has exactly one address in"
                + " to and none in cc or bcc (else a 400 naming the field); default false") Boolean bulk) {

    static final int MAX_SUBJECT = 998;
    static final int MAX_FILENAME = 255;
    static final int MAX_MESSAGE_ID = 2 * 254;
    static final String MESSAGE_ID = "^<[^<>\\s@]+@[^<>\\s@]+>$";
    static final String MESSAGE_ID_TEXT = "must be a message id such as <id@example.com>";
    static final String REQUIRED = "is required";
    private static final String TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
    /** A MIME type with optional parameters, with white space around it allowed. */
    static final String CONTENT_TYPE = "^\\s*" + TOKEN + "/" + TOKEN + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN
            + "|\"[^\"\\\\]*\"))*\\s*$";

    /** One attached file, its bytes in base64. */
    @Schema(name = "SendAttachment", additionalProperties = Schema.False.class)
    public record Attachment(
            @Schema(description = "File name shown to the recipient", examples = "tilbud.pdf")
            @NotBlank(message = REQUIRED) @NoControl
            @Size(max = MAX_FILENAME, message = "must be at most " + MAX_FILENAME + " characters") String filename,
            @Schema(description = "MIME type; default application/octet-stream", examples = "application/pdf")
            @NoControl @Pattern(regexp = CONTENT_TYPE, message = "must be a MIME type such as application/pdf")
            String contentType,
            @Schema(description = "The file's bytes, base64-encoded. Text, HTML and attachments together may be at most"
                    + " MAIL_SEND_MAX_BYTES (25 MB) of their own bytes, else a 413; base64 makes the request about a"
                    + " third larger", type = SchemaType.STRING, format = "byte", examples = "JVBERi0xLjcK")
            @NotNull(message = REQUIRED) byte[] content) {
    }

    /** A message someone can receive and read: a recipient (to, cc or bcc) and a body (text or html). */
    @Documented
    @Constraint(validatedBy = Complete.Validator.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Complete {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<Complete, SendRequest> {
            @Override
            public boolean isValid(SendRequest request, ConstraintValidatorContext context) {
                context.disableDefaultConstraintViolation();
                boolean recipient = !isEmpty(request.to()) || !isEmpty(request.cc()) || !isEmpty(request.bcc());
                boolean body = !isEmpty(request.text()) || !isEmpty(request.html());
                if (!recipient) {
                    context.buildConstraintViolationWithTemplate("at least one recipient (to, cc or bcc) is required")
                            .addPropertyNode("to").addConstraintViolation();
                }
                if (!body) {
                    context.buildConstraintViolationWithTemplate("text or html is required")
                            .addPropertyNode("text").addConstraintViolation();
                }
                return recipient && body;
            }

            private static boolean isEmpty(List<?> list) {
                return list == null || list.isEmpty();
            }

            private static boolean isEmpty(String text) {
                return text == null || text.isEmpty();
            }
        }
    }
}
