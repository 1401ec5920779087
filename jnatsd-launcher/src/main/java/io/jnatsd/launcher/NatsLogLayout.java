package io.jnatsd.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.Marker;

/**
 * nats-server's log line: {@code [PID] 2006/01/02 15:04:05.000000 [INF] message}, local time
 * with microseconds, the timestamp left out when {@code logtime} is off.
 *
 * <p>SLF4J has no fatal level; an ERROR event carrying a marker named {@value #FATAL_MARKER}
 * prints as {@code [FTL]}. The server library can use it through
 * {@code MarkerFactory.getMarker("FATAL")} without knowing the launcher.
 *
 * <p>Formatting a date is the costly part of a line, so the text up to the second is kept
 * for the second it describes and only the microseconds are written per line.
 */
final class NatsLogLayout extends LayoutBase<ILoggingEvent> {
    static final String FATAL_MARKER = "FATAL";
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final String pidPrefix = "[" + ProcessHandle.current().pid() + "] ";
    private final boolean logtime;
    private volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, "");

    NatsLogLayout(boolean logtime) {
        this.logtime = logtime;
    }

    private record FormattedSecond(long epochSecond, String text) {
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128).append(pidPrefix);
        if (logtime) {
            appendTimestamp(line, event.getInstant());
        }
        line.append(levelTag(event)).append(' ').append(event.getFormattedMessage()).append('\n');
        if (event.getThrowableProxy() != null) {
            line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
        }
        return line.toString();
    }

    private void appendTimestamp(StringBuilder line, Instant instant) {
        FormattedSecond second = lastSecond;
        if (second.epochSecond() != instant.getEpochSecond()) {
            second = new FormattedSecond(instant.getEpochSecond(), SECONDS.format(instant));
            lastSecond = second;
        }
        String micros = Integer.toString(instant.getNano() / 1000);
        line.append(second.text()).append('.');
        for (int pad = micros.length(); pad < 6; pad++) {
            line.append('0');
        }
        line.append(micros).append(' ');
    }

    private static String levelTag(ILoggingEvent event) {
        Level level = event.getLevel();
        if (level == Level.ERROR) {
            return isFatal(event) ? "[FTL]" : "[ERR]";
        }
        if (level == Level.WARN) {
            return "[WRN]";
        }
        if (level == Level.INFO) {
            return "[INF]";
        }
        return level == Level.DEBUG ? "[DBG]" : "[TRC]";
    }

    private static boolean isFatal(ILoggingEvent event) {
        if (event.getMarkerList() == null) {
            return false;
        }
        for (Marker marker : event.getMarkerList()) {
            if (marker.getName().equals(FATAL_MARKER)) {
                return true;
            }
        }
        return false;
    }
}
