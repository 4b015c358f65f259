package no.xsoffice.mail.preferences;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.address.Mailbox;
import no.xsoffice.mail.address.NoControl;

/** A user's mail preferences, read and written whole. */
@Schema(name = "MailPreferences", additionalProperties = Schema.False.class)
@JsonIgnoreProperties(value = "updatedAt", allowGetters = true)
public record MailPreferencesBody(
        @Schema(description = "Receives a hidden copy of every mail the user sends: a plain address; null (or blank"
                + " in a request) for none", nullable = true, examples = "arkiv@firma.no",
                pattern = MailAddress.PLAIN_OR_BLANK_PATTERN)
        @NoControl(message = INVALID) @Mailbox(plain = true, message = INVALID) String defaultBcc,
        @Schema(description = "When it was last saved; null before the first save (read-only: ignored in a request)", readOnly = true, nullable = true)
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) Instant updatedAt) {

    static final String INVALID = "must be a valid e-mail address, or null for none";
    static final MailPreferencesBody NONE = new MailPreferencesBody(null, null);

    static MailPreferencesBody of(MailPreferences p) {
        return new MailPreferencesBody(p.defaultBcc, p.updatedAt);
    }
}
