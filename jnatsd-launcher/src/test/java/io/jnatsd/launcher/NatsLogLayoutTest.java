package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

class NatsLogLayoutTest {
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final Instant AT = LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6_000).atZone(ZoneId.systemDefault())
            .toInstant();

    @Test
    void aLineHasPidLocalTimeWithMicrosecondsLevelAndMessage() {
        String line = new NatsLogLayout(true).format(AT, Level.INFO, false, "Server is ready", null);
        assertThat(line).isEqualTo("[" + PID + "] 2026/01/02 03:04:05.000006 [INF] Server is ready\n");
    }

    @Test
    void withoutLogtimeTheTimestampIsLeftOut() {
        String line = new NatsLogLayout(false).format(AT, Level.INFO, false, "Server is ready", null);
        assertThat(line).isEqualTo("[" + PID + "] [INF] Server is ready\n");
    }

    @Test
    void levelsUseNatsServerTags() {
        NatsLogLayout layout = new NatsLogLayout(false);
        assertThat(layout.format(AT, Level.TRACE, false, "m", null)).contains("[TRC] m");
        assertThat(layout.format(AT, Level.DEBUG, false, "m", null)).contains("[DBG] m");
        assertThat(layout.format(AT, Level.WARN, false, "m", null)).contains("[WRN] m");
        assertThat(layout.format(AT, Level.ERROR, false, "m", null)).contains("[ERR] m");
    }

    @Test
    void anErrorWithTheFatalMarkerIsFtl() {
        assertThat(new NatsLogLayout(false).format(AT, Level.ERROR, true, "Error listening on port", null))
                .endsWith("[FTL] Error listening on port\n");
    }

    @Test
    void aThrowableFollowsWithItsStackTrace() {
        String line = new NatsLogLayout(false).format(AT, Level.ERROR, false, "failed", new IllegalStateException("why"));
        assertThat(line).startsWith("[" + PID + "] [ERR] failed\njava.lang.IllegalStateException: why\n\tat ");
    }

    @Test
    void consecutiveLinesInOneSecondKeepTheirOwnMicroseconds() {
        NatsLogLayout layout = new NatsLogLayout(true);
        Instant later = AT.plusNanos(123_456_789);
        assertThat(layout.format(AT, Level.INFO, false, "a", null)).contains("03:04:05.000006 [INF] a");
        assertThat(layout.format(later, Level.INFO, false, "b", null)).contains("03:04:05.123462 [INF] b");
        assertThat(layout.format(later.plusSeconds(61), Level.INFO, false, "b", null))
                .contains("03:05:06.123462 [INF] b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
        "Pacific/Chatham", "America/St_Johns"})
    void theLocalTimeIsTheOneJavaTimeGivesAlsoAroundDaylightSavingChanges(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        DateTimeFormatter expected = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(zone);
        Random random = new Random(zoneName.hashCode());
        for (int i = 0; i < 2_000; i++) {
            long second = 946_684_800L + (long) (random.nextDouble() * 2_000_000_000L);
            assertThat(NatsLogLayout.localSecond(second, TimeZone.getTimeZone(zone)))
                    .isEqualTo(expected.format(Instant.ofEpochSecond(second)));
        }
        zone.getRules().getTransitions().stream().filter(t -> t.getInstant().getEpochSecond() > 946_684_800L).limit(40)
                .forEach(transition -> {
                    for (long second = transition.toEpochSecond() - 2; second <= transition.toEpochSecond() + 2; second++) {
                        assertThat(NatsLogLayout.localSecond(second, TimeZone.getTimeZone(zone)))
                                .isEqualTo(expected.format(Instant.ofEpochSecond(second)));
                    }
                });
    }
}
