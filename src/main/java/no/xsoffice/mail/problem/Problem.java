package no.xsoffice.mail.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document, the body of every 4xx and 5xx answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem document")
public record Problem(
        @Schema(examples = "urn:xs-mail:problem:validation") String type,
        @Schema(examples = "Invalid request") String title,
        @Schema(examples = "400") int status,
        @Schema(examples = "1 field is invalid") String detail,
        @Schema(description = "The rejected fields, for validation problems") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
