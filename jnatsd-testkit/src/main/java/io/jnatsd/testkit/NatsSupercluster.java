package io.jnatsd.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * jnatsd clusters joined by gateways, for a {@link NatsTestSupercluster} field or parameter of a
 * {@link JnatsdTest} class; it is injected once every cluster is meshed and every member has a
 * gateway to every other cluster.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsSupercluster {
    /** The clusters' names, which are also their gateway names. */
    String[] clusters() default {"A", "B"};

    /** Members per cluster. */
    int clusterSize() default 1;

    /** Gateways, routes and clients go through proxies, enabling the gateway and route faults. */
    boolean faultInjection() default false;

    /** A configuration every member starts from, as {@link NatsServer#config()}. */
    String config() default "";
}
