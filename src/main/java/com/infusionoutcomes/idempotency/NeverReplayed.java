package com.infusionoutcomes.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A POST whose answer carries a credential (tokens, a one-time enrollment code). Idempotency-Key is not honoured
 * there: replaying its answer would mean storing the credential in plain text, which the service never does.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NeverReplayed {
}
