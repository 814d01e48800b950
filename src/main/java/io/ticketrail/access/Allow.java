package io.ticketrail.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The action an endpoint needs at the location in its path ({@code locationId}). Every endpoint under /api and
 * every screen page carries this or {@link Public}; one without either is refused (AccessFilter fails closed).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allow {
    Action value();
}
