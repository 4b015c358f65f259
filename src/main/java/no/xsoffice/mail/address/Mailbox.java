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
 * An address as {@link MailAddress#parse} reads it: {@code "Name <address>"} or a bare address. Null is valid
 * (whether one is required is the field's rule), blank is "is required", and a text with control characters is
 * left to {@link NoControl}, so that it is named once.
 */
@Documented
@Constraint(validatedBy = Mailbox.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Mailbox {

    String message() default "is not a valid e-mail address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Mailbox, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || MailAddress.hasControl(value)) {
                return true;
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
