package io.jnatsd.config;

import java.time.Duration;

/**
 * How often the system account speaks and how long it waits for others, nats-server 2.10's
 * values by default: its {@code $SYS.SERVER.<id>.STATSZ} heartbeat starts {@code statszFirst}
 * after start and doubles up to {@code statszInterval}; an account's connection count is sent
 * again every {@code accountConnsHeartbeat} while the account has connections here; a remote
 * server not heard from for {@code orphanMax} is taken as gone (its account counts are dropped),
 * checked every {@code orphanCheck}.
 *
 * <p>Not read from a configuration file (nats-server has no such option either): embedding code
 * and tests shorten them through {@link ServerOptions.Builder#systemEventTimings}.
 */
public record SystemEventTimings(
        Duration statszFirst,
        Duration statszInterval,
        Duration accountConnsHeartbeat,
        Duration orphanMax,
        Duration orphanCheck) {

    /** nats-server's: 250 ms doubling to 10 s, 30 s, 5 x 30 s, 3 x 30 s. */
    public static final SystemEventTimings NATS_SERVER = new SystemEventTimings(Duration.ofMillis(250),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(150), Duration.ofSeconds(90));

    public SystemEventTimings {
        for (Duration d : new Duration[] {statszFirst, statszInterval, accountConnsHeartbeat, orphanMax, orphanCheck}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("system event timings must be positive");
            }
        }
    }
}
