package io.jnatsd.bench.scenario;

import java.time.Duration;

/**
 * How long and how much each scenario runs.
 *
 * @param duration measured time per scenario and message size
 * @param warmup unmeasured run of the same scenario just before, so that both servers' hot paths are compiled
 * @param maxMessages a run also ends once this many messages (or requests) are sent
 */
public record LoadSettings(Duration duration, Duration warmup, long maxMessages) {

    private static final Duration MINIMUM_DRAIN = Duration.ofSeconds(5);

    /** How long subscribers may take, after the publisher is done, to receive what was sent. */
    public Duration drainTimeout() {
        return duration.compareTo(MINIMUM_DRAIN) > 0 ? duration : MINIMUM_DRAIN;
    }
}
