package io.jnatsd.bench.target;

import org.junit.jupiter.api.Assumptions;

/** The reference nats-server 2.10 for tests, from $NATS_SERVER_210; tests that need it are skipped without it. */
public final class NatsServerBinary {

    static final String VARIABLE = "NATS_SERVER_210";

    private NatsServerBinary() {
    }

    /** The binary's path; skips the calling test (class) when the variable is unset. */
    public static String require() {
        String path = System.getenv(VARIABLE);
        Assumptions.assumeTrue(path != null && !path.isBlank(),
            "$" + VARIABLE + " is not set: eval \"$(reference-servers)\" to run the tests against nats-server 2.10");
        return path;
    }
}
