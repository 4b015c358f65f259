package no.xsoffice.mail.address;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An address as {@link MailAddress#parse} reads it: {@code "Name <address>"} or a bare address; with {@code plain},
 * a bare address only ({@link MailAddress#plain}, white space around it allowed). Null is valid (whether one is
 * required is the field's rule), and so is a text with control characters, left to {@link NoControl} so that it
 * is named once. Blank is "is required", or with {@code plain} left to the field's rule (a blank default BCC is none).
 */
@Documented
@Constraint(validatedBy = Mailbox.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Mailbox {

    String message() default "is not a valid e-mail address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A bare address only, without a display name. */
    boolean plain() default false;

    class Validator implements ConstraintValidator<Mailbox, String> {
        private boolean plain;

        @Override
        public void initialize(Mailbox annotation) {
            plain = annotation.plain();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || MailAddress.hasControl(value)) {
                return true;
            }
            if (plain) {
                return value.isBlank() || MailAddress.plain(value.trim()).isPresent();
            }
            if (value.isBlank()) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("is required").addConstraintViolation();
                return false;
            }
            return MailAddress.parse(value).isPresent();
        }
    }
}
