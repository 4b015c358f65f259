package no.xsoffice.mail.signature;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Both signatures, read and written whole. A signature left out or null is cleared. */
@Schema(name = "Signatures")
@JsonIgnoreProperties(value = "updatedAt", allowGetters = true)
public record SignaturesBody(
        @Schema(description = "Appended to new messages; null when not set", nullable = true) Part newMessage,
        @Schema(description = "Appended to replies and forwards, often shorter; null when not set", nullable = true) Part replyForward,
        @Schema(description = "When it was last saved; null before the first save (read-only: ignored in a request)", readOnly = true, nullable = true)
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) Instant updatedAt) {

    static final SignaturesBody NONE = new SignaturesBody(null, null, null);

    /** One signature. HTML is sanitised on save; text is derived from HTML when only HTML is given. */
    @Schema(name = "Signature")
    public record Part(
            @Schema(description = "Plain text, at most " + SignatureService.MAX_LENGTH + " characters",
                    examples = "Kari Nordmann\nXS Office AS", nullable = true) String text,
            @Schema(description = "HTML, at most " + SignatureService.MAX_LENGTH + " characters; scripts, styles,"
                    + " event handlers and javascript: links are removed; null for a text-only signature",
                    examples = "<p><b>Kari Nordmann</b><br>XS Office AS</p>", nullable = true)
            String html) {

        static Part of(String text, String html) {
            return text == null && html == null ? null : new Part(text, html);
        }
    }

    static SignaturesBody of(Signature s) {
        return new SignaturesBody(Part.of(s.newText, s.newHtml), Part.of(s.replyText, s.replyHtml), s.updatedAt);
    }
}
