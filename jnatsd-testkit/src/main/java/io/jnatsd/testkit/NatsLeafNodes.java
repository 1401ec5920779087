package io.jnatsd.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A jnatsd hub and leaf nodes that dial it, for a {@link NatsTestLeafNodes} field or parameter of
 * a {@link JnatsdTest} class; it is injected once every leaf is connected on both ends.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsLeafNodes {
    /** The leafs' server names. */
    String[] leafs() default {"leaf"};

    /** Each leaf's connection to the hub goes through a proxy, enabling the leaf link faults. */
    boolean faultInjection() default false;

    /** A configuration the hub starts from (accounts, leaf users), as {@link NatsServer#config()}. */
    String hubConfig() default "";

    /** A configuration every leaf starts from, as {@link NatsServer#config()}. */
    String leafConfig() default "";

    /** The leaf user and password each leaf presents to the hub, as {@code user:password}; none by default. */
    String credentials() default "";

    /** The account of each leaf its remote is bound to; the global account by default. */
    String localAccount() default "";
}
