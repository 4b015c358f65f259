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

/** A text without control characters (CR, LF, NUL, …): header injection is refused, never stripped. Null is valid. */
@Documented
@Constraint(validatedBy = NoControl.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface NoControl {

    String message() default "must not contain control characters (CR, LF, NUL, …)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NoControl, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || !MailAddress.hasControl(value);
        }
    }
}
