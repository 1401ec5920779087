package io.jnatsd.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class whose {@link NatsServer} and {@link NatsCluster} fields and
 * parameters, and {@code io.nats.client.Connection} parameters, are filled by jnatsd.
 *
 * <p>Lifetimes follow the field: a static field lives for the class, an instance field for
 * each test (for the class under {@code @TestInstance(PER_CLASS)}), a parameter for its
 * method. Everything is closed when its scope ends, also when a test fails. Ports are
 * ephemeral and nothing is shared between test classes, so tests may run in parallel.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(JnatsdExtension.class)
public @interface JnatsdTest {
}
