package io.jnatsd.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * s2_auto's level by round trip and what INFO announces, by nats-server 2.10's rules: the first
 * threshold not exceeded picks uncompressed, fast, better, best in that order; 0 disables its
 * level; above all thresholds best with three or more, else the last threshold's level.
 */
class RouteCompressionModeTest {

    @ParameterizedTest(name = "thresholds {0} ms, rtt {1} ms -> {2}")
    @CsvSource(delimiter = '|', value = {
            "10 50 100 | 2   | s2_uncompressed",
            "10 50 100 | 10  | s2_uncompressed",
            "10 50 100 | 11  | s2_fast",
            "10 50 100 | 60  | s2_better",
            "10 50 100 | 101 | s2_best",
            "10        | 5   | s2_uncompressed",
            "10        | 500 | s2_uncompressed",
            "10 50     | 20  | s2_fast",
            "10 50     | 500 | s2_fast",
            "5 10 15 20 | 12 | s2_better",
            "5 10 15 20 | 18 | s2_best",
            "5 10 15 20 | 99 | s2_best",
            "0 0 20 30 | 1   | s2_better",
            "0 0 20 30 | 25  | s2_best",
            "0 20      | 1   | s2_fast",
            "0 20      | 30  | s2_fast",
            "0 0 20    | 30  | s2_best",
            "0 10 0 50 | 20  | s2_best",
    })
    void autoLevelFollowsTheRoundTripAsNatsServer(String thresholds, long rttMillis, String level) {
        List<Duration> limits = Arrays.stream(thresholds.trim().split(" +"))
                .map(ms -> Duration.ofMillis(Long.parseLong(ms))).toList();
        RouteCompression compression = new RouteCompression("s2_auto", limits);
        assertThat(compression.byRoundTrip(Duration.ofMillis(rttMillis))).isEqualTo(level);
    }

    @ParameterizedTest(name = "{0} writing {1} announces {2}")
    @CsvSource({"s2_auto, s2_best, s2_auto", "s2_auto, s2_uncompressed, s2_auto", "s2_auto, off, off",
            "s2_fast, s2_fast, s2_fast", "accept, s2_better, s2_better"})
    void infoAnnouncesAutoRatherThanTheCurrentLevel(String configured, String writing, String announced) {
        assertThat(new RouteCompression(configured, null).announced(writing)).isEqualTo(announced);
    }

    @ParameterizedTest(name = "accept answers {0} with {1}")
    @CsvSource({"s2_auto, s2_fast", "s2_best, s2_best", "accept, off", "off, off"})
    void acceptFollowsThePeer(String peer, String writes) {
        assertThat(new RouteCompression("accept", null).negotiate(peer, Duration.ofMillis(1))).isEqualTo(writes);
    }
}
