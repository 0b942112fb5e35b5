package io.paygate.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an API endpoint takes and answers, for the generated API description: the request record
 * its parameters bind to and the object it returns. Kept next to the handler so the description
 * cannot drift from the code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiContract {

    /** The request record the endpoint binds its parameters to. */
    Class<?> params();

    /** The {@code object} name of what it returns, such as {@code payment_intent}. */
    String returns();

    Shape shape() default Shape.OBJECT;

    String summary();

    /** Whether a declined card answers 402 here. */
    boolean cardErrors() default false;

    enum Shape { OBJECT, LIST, SEARCH_RESULT }
}
