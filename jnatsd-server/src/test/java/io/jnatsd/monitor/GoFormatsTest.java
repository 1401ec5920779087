package io.jnatsd.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoFormatsTest {

    @Test
    void timestampsAreRfc3339InUtcWithTrailingZerosOfTheFractionRemoved() {
        assertThat(GoFormats.timestamp(Instant.parse("2026-11-25T20:23:07.112868271Z")))
                .isEqualTo("2026-11-25T20:23:07.112868271Z");
        assertThat(GoFormats.timestamp(Instant.parse("2026-11-25T20:23:20.084387690Z")))
                .isEqualTo("2026-11-25T20:23:20.08438769Z");
        assertThat(GoFormats.timestamp(Instant.parse("2026-11-25T20:23:20.500Z")))
                .isEqualTo("2026-11-25T20:23:20.5Z");
        assertThat(GoFormats.timestamp(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void uptimeShowsEveryUnitBelowTheLargestAndAlwaysSeconds() {
        assertThat(GoFormats.uptime(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoFormats.uptime(Duration.ofMillis(13_900))).isEqualTo("13s");
        assertThat(GoFormats.uptime(Duration.ofSeconds(4 * 60 + 7))).isEqualTo("4m7s");
        assertThat(GoFormats.uptime(Duration.ofHours(1))).isEqualTo("1h0m0s");
        assertThat(GoFormats.uptime(Duration.ofDays(1).plusHours(2).plusSeconds(5))).isEqualTo("1d2h0m5s");
        assertThat(GoFormats.uptime(Duration.ofDays(366).plusMinutes(1))).isEqualTo("1y1d0h1m0s");
        assertThat(GoFormats.uptime(Duration.ofSeconds(-3))).isEqualTo("0s");
    }

    @Test
    void durationsReadLikeGoDurationString() {
        assertThat(GoFormats.duration(0)).isEqualTo("0s");
        assertThat(GoFormats.duration(331)).isEqualTo("331ns");
        assertThat(GoFormats.duration(522_000)).isEqualTo("522µs");
        assertThat(GoFormats.duration(1_500)).isEqualTo("1.5µs");
        assertThat(GoFormats.duration(1_465_311)).isEqualTo("1.465311ms");
        assertThat(GoFormats.duration(8_000_000)).isEqualTo("8ms");
        assertThat(GoFormats.duration(1_000_000_000)).isEqualTo("1s");
        assertThat(GoFormats.duration(1_500_000_000)).isEqualTo("1.5s");
        assertThat(GoFormats.duration(60_000_000_000L)).isEqualTo("1m0s");
        assertThat(GoFormats.duration(247_500_000_000L)).isEqualTo("4m7.5s");
        assertThat(GoFormats.duration(3_600_000_000_000L)).isEqualTo("1h0m0s");
        assertThat(GoFormats.duration(90_000_000_000_000L)).isEqualTo("25h0m0s");
        assertThat(GoFormats.duration(-1_500_000)).isEqualTo("-1.5ms");
    }

    @Test
    void roundTripTimesAreTruncatedToMicrosecondsBelowAMillisecondAndZeroWhenUnknown() {
        assertThat(GoFormats.rtt(-1)).isEqualTo("0s");
        assertThat(GoFormats.rtt(0)).isEqualTo("0s");
        assertThat(GoFormats.rtt(522_123)).isEqualTo("522µs");
        assertThat(GoFormats.rtt(999)).isEqualTo("999ns");
        assertThat(GoFormats.rtt(8_699_743)).isEqualTo("8.699743ms");
    }

    @Test
    void timeoutsAreFloatSeconds() {
        assertThat(GoFormats.seconds(Duration.ofSeconds(2))).isEqualTo(2.0);
        assertThat(GoFormats.seconds(Duration.ofMillis(500))).isEqualTo(0.5);
    }
}
