package io.jnatsd.tests.fuzz;

import java.time.Duration;

/**
 * How long each fuzz or soak test runs and from which seed. CI runs a few seconds with fixed
 * seeds; {@code -Djnatsd.fuzz.seconds=N} runs longer and {@code -Djnatsd.fuzz.seed=S} explores
 * other inputs (the seed in use is in every failure message, to replay it).
 */
record FuzzSettings(Duration duration, long seed) {
    static final long DEFAULT_SECONDS = 3;

    static FuzzSettings forTest(long defaultSeed) {
        long seconds = Long.getLong("jnatsd.fuzz.seconds", DEFAULT_SECONDS);
        long seed = Long.getLong("jnatsd.fuzz.seed", defaultSeed);
        return new FuzzSettings(Duration.ofSeconds(seconds), seed);
    }
}
