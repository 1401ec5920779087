package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;

class NatsLogLayoutTest {
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private final Logger logger = new LoggerContext().getLogger("io.jnatsd.test");

    private LoggingEvent event(Level level, String message) {
        LoggingEvent event = new LoggingEvent("fqcn", logger, level, message, null, null);
        event.setInstant(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6_000).atZone(ZoneId.systemDefault()).toInstant());
        return event;
    }

    @Test
    void aLineHasPidLocalTimeWithMicrosecondsLevelAndMessage() {
        String line = new NatsLogLayout(true).doLayout(event(Level.INFO, "Server is ready"));
        assertThat(line).isEqualTo("[" + PID + "] 2026/01/02 03:04:05.000006 [INF] Server is ready\n");
    }

    @Test
    void withoutLogtimeTheTimestampIsLeftOut() {
        String line = new NatsLogLayout(false).doLayout(event(Level.INFO, "Server is ready"));
        assertThat(line).isEqualTo("[" + PID + "] [INF] Server is ready\n");
    }

    @Test
    void levelsUseNatsServerTags() {
        NatsLogLayout layout = new NatsLogLayout(false);
        assertThat(layout.doLayout(event(Level.TRACE, "m"))).contains("[TRC] m");
        assertThat(layout.doLayout(event(Level.DEBUG, "m"))).contains("[DBG] m");
        assertThat(layout.doLayout(event(Level.WARN, "m"))).contains("[WRN] m");
        assertThat(layout.doLayout(event(Level.ERROR, "m"))).contains("[ERR] m");
    }

    @Test
    void anErrorWithTheFatalMarkerIsFtl() {
        LoggingEvent event = event(Level.ERROR, "Error listening on port");
        event.addMarker(MarkerFactory.getMarker(NatsLogLayout.FATAL_MARKER));
        assertThat(new NatsLogLayout(false).doLayout(event)).endsWith("[FTL] Error listening on port\n");
    }

    @Test
    void consecutiveEventsInOneSecondKeepTheirOwnMicroseconds() {
        NatsLogLayout layout = new NatsLogLayout(true);
        LoggingEvent first = event(Level.INFO, "a");
        LoggingEvent second = event(Level.INFO, "b");
        Instant later = first.getInstant().plusNanos(123_456_789);
        second.setInstant(later);
        assertThat(layout.doLayout(first)).contains("03:04:05.000006 [INF] a");
        assertThat(layout.doLayout(second)).contains("03:04:05.123462 [INF] b");
        second.setInstant(later.plusSeconds(61));
        assertThat(layout.doLayout(second)).contains("03:05:06.123462 [INF] b");
    }
}
