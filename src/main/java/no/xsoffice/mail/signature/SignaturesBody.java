package no.xsoffice.mail.signature;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Both signatures, read and written whole. A signature left out or null is cleared. */
@Schema(name = "Signatures", additionalProperties = Schema.False.class)
@JsonIgnoreProperties(value = "updatedAt", allowGetters = true)
public record SignaturesBody(
        @Schema(description = "Appended to new messages; null for none", nullable = true) @Valid Part newMessage,
        @Schema(description = "Appended to replies and forwards, often shorter; null for none", nullable = true) @Valid Part replyForward,
        @Schema(description = "When it was last saved; null before the first save (read-only: ignored in a request)", readOnly = true, nullable = true)
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) Instant updatedAt) {

    static final SignaturesBody NONE = new SignaturesBody(null, null, null);

    /** One signature. HTML is sanitised on save; text is derived from HTML when only HTML is given. */
    @Schema(name = "Signature", additionalProperties = Schema.False.class)
    public record Part(
            @Schema(description = "Plain text, at most " + SignatureService.MAX_LENGTH + " characters, without NUL",
                    examples = "Kari Nordmann\nXS Office AS", nullable = true)
            @Size(max = SignatureService.MAX_LENGTH, message = TOO_LONG) @Pattern(regexp = NO_NUL, message = "must not contain NUL")
            String text,
            @Schema(description = "HTML, at most " + SignatureService.MAX_LENGTH + " characters as sent and as stored, without"
                    + " NUL (also not as a character reference such as &#0;); scripts, styles, event handlers and"
                    + " javascript: links are removed, and a < or & in text is stored as &lt; or &amp;, so a text"
                    + " full of them can grow past the limit and is refused; null for a text-only signature",
                    examples = "<p><b>Kari Nordmann</b><br>XS Office AS</p>", nullable = true)
            @Size(max = SignatureService.MAX_LENGTH, message = TOO_LONG) @Pattern(regexp = NO_NUL, message = "must not contain NUL")
            String html) {

        static final String TOO_LONG = "must be at most " + SignatureService.MAX_LENGTH + " characters";
        static final String NO_NUL = "^[^\\x00]*$";

        static Part of(String text, String html) {
            return text == null && html == null ? null : new Part(text, html);
        }
    }

    static SignaturesBody of(Signature s) {
        return new SignaturesBody(Part.of(s.newText, s.newHtml), Part.of(s.replyText, s.replyHtml), s.updatedAt);
    }
}
