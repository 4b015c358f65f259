package no.xsoffice.mail.smtp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.smtpclient.SmtpSecurity;

/** The IMAP server of a user's mailbox, where the copy in the Sent folder is filed. */
@Schema(name = "ImapServer", additionalProperties = Schema.False.class)
public record ImapServer(
        @Schema(description = "A DNS name or IP address", examples = "imap.mail.me.com", maxLength = 253, pattern = Hosts.PATTERN)
        @NotBlank(message = "is required when imap is given") @HostName String host,
        @Schema(description = "Default 993 for SSL_TLS, 143 for STARTTLS", examples = "993")
        @Min(value = 1, message = SmtpProfileRequest.PORT_RANGE) @Max(value = 65535, message = SmtpProfileRequest.PORT_RANGE)
        Integer port,
        @Schema(description = "SSL_TLS (implicit TLS, imaps; the default) or STARTTLS (required, never a plain fallback)",
                enumeration = { "SSL_TLS", "STARTTLS" })
        @Encrypted SmtpSecurity security) {

    /** The default port of a security mode: 993 for implicit TLS, else 143. */
    static int defaultPort(SmtpSecurity security) {
        return security == SmtpSecurity.STARTTLS ? 143 : 993;
    }

    /** Never plain text: the mailbox's password goes over the connection. Null is valid (the default is SSL_TLS). */
    @Documented
    @Constraint(validatedBy = Encrypted.Validator.class)
    @Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
    @Retention(RetentionPolicy.RUNTIME)
    @interface Encrypted {

        String message() default "must be SSL_TLS or STARTTLS";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<Encrypted, SmtpSecurity> {
            @Override
            public boolean isValid(SmtpSecurity value, ConstraintValidatorContext context) {
                return value != SmtpSecurity.NONE;
            }
        }
    }
}
