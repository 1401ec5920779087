package io.jnatsd.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A jnatsd server for a {@link NatsTestServer} field or parameter of a {@link JnatsdTest}
 * class. Not to be confused with {@code io.jnatsd.server.NatsServer}, the server itself.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsServer {
    /**
     * A nats-server configuration: a classpath resource, else a file path; empty for defaults.
     * A client port the configuration does not name stays ephemeral.
     */
    String config() default "";

    /** Starts the monitoring endpoints on an ephemeral port ({@link NatsTestServer#monitorUrl()}). */
    boolean monitoring() default false;
}
