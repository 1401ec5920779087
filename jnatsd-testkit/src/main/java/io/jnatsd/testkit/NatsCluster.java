package io.jnatsd.testkit;

import io.jnatsd.JnatsdCluster;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A meshed jnatsd cluster for a {@link NatsTestCluster} field or parameter of a
 * {@link JnatsdTest} class; it is injected once every member routes to every other.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsCluster {
    int size() default 3;

    /** Routes and clients go through proxies, enabling cut, heal, latency and stall. */
    boolean faultInjection() default false;

    JnatsdCluster.Topology topology() default JnatsdCluster.Topology.EXPLICIT;

    /** A configuration every member starts from, as {@link NatsServer#config()}. */
    String config() default "";
}
