package io.ticketrail.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A plain HTML form posts here: a form cannot send the {@code X-CSRF-Token} header, so its token comes in the
 * hidden {@code csrf} field and the endpoint checks it first with {@link FormCsrf#require}. {@link AccessFilter}
 * skips the header check for these endpoints only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CsrfInForm {}
