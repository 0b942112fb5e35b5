package io.paygate.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an API endpoint needs from the caller's key. Secret keys may do everything; restricted keys
 * need {@code resource} at {@code level}; publishable keys only where {@link #publishable()} allows.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Access {

    String resource();

    Level level();

    /** Whether a publishable key may call this endpoint (it may still need a client secret). */
    boolean publishable() default false;

    enum Level {
        READ, WRITE
    }
}
