package io.jnatsd.bench.scenario;

import io.jnatsd.bench.wire.Payload;
import java.time.Duration;

/**
 * How long and how much each scenario runs.
 *
 * @param duration measured time per scenario and message size
 * @param warmup unmeasured run of the same scenario just before, so that both servers' hot paths are compiled
 * @param maxMessages a run also ends once this many messages (or requests) are sent
 * @param payload what the throughput publishers send
 */
public record LoadSettings(Duration duration, Duration warmup, long maxMessages, Payload payload) {

    private static final Duration MINIMUM_DRAIN = Duration.ofSeconds(5);

    public LoadSettings(Duration duration, Duration warmup, long maxMessages) {
        this(duration, warmup, maxMessages, Payload.BYTES);
    }

    /** How long subscribers may take, after the publisher is done, to receive what was sent. */
    public Duration drainTimeout() {
        return duration.compareTo(MINIMUM_DRAIN) > 0 ? duration : MINIMUM_DRAIN;
    }
}
