package com.infusionoutcomes.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A name or note as a person typed it: no lone surrogate (half of a character, which no keyboard produces and
 * which breaks whatever encodes it to UTF-8 later: a report, a CSV, a FHIR export) and no bidirectional override,
 * embedding or isolate control (U+202A-U+202E, U+2066-U+2069), which make text display in another order than it
 * is stored: "Rosa" followed by U+202E shows a name or note that is not what the record holds. Null is valid.
 */
@Target({ FIELD, METHOD, PARAMETER })
@Retention(RUNTIME)
@Constraint(validatedBy = PlainText.Check.class)
public @interface PlainText {

    String message() default "must not contain a lone surrogate or a bidirectional control character"
            + " (U+202A-U+202E, U+2066-U+2069)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PlainText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (pair) {
                    i++;
                } else if (Character.isSurrogate(c) || (c >= '\u202A' && c <= '\u202E')
                        || (c >= '\u2066' && c <= '\u2069')) {
                    return false;
                }
            }
            return true;
        }
    }
}
