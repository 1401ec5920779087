package io.jnatsd.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.slf4j.event.Level;

/**
 * nats-server's log line: {@code [PID] 2006/01/02 15:04:05.000000 [INF] message}, local time
 * with microseconds, the timestamp left out when {@code logtime} is off.
 *
 * <p>SLF4J has no fatal level; an ERROR carrying a marker named {@value #FATAL_MARKER} prints
 * as {@code [FTL]}. The server library can use it through {@code MarkerFactory.getMarker("FATAL")}
 * without knowing the launcher.
 *
 * <p>Formatting a date is the costly part of a line, so the text up to the second is kept
 * for the second it describes and only the microseconds are written per line. The local time
 * comes from {@link TimeZone#getDefault()}'s offset and is written digit by digit: a
 * {@code DateTimeFormatter} with {@code ZoneId.systemDefault()} costs the first line (the
 * start's critical path) its pattern compiler and a second reading of the JDK's time zone
 * database, several times the CPU of this (docs/STARTUP.md).
 */
final class NatsLogLayout {
    static final String FATAL_MARKER = "FATAL";

    private final String pidPrefix = "[" + ProcessHandle.current().pid() + "] ";
    private final boolean logtime;
    private volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, "");

    NatsLogLayout(boolean logtime) {
        this.logtime = logtime;
    }

    private record FormattedSecond(long epochSecond, String text) {
    }

    /** One line, newline included; a throwable follows it with its stack trace. */
    String format(Instant instant, Level level, boolean fatal, String message, Throwable throwable) {
        StringBuilder line = new StringBuilder(128).append(pidPrefix);
        if (logtime) {
            appendTimestamp(line, instant);
        }
        line.append(levelTag(level, fatal)).append(' ').append(message).append('\n');
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    private void appendTimestamp(StringBuilder line, Instant instant) {
        FormattedSecond second = lastSecond;
        if (second.epochSecond() != instant.getEpochSecond()) {
            second = new FormattedSecond(instant.getEpochSecond(), localSecond(instant.getEpochSecond(), LocalZone.ZONE));
            lastSecond = second;
        }
        String micros = Integer.toString(instant.getNano() / 1000);
        line.append(second.text()).append('.');
        for (int pad = micros.length(); pad < 6; pad++) {
            line.append('0');
        }
        line.append(micros).append(' ');
    }

    private static String levelTag(Level level, boolean fatal) {
        return switch (level) {
            case ERROR -> fatal ? "[FTL]" : "[ERR]";
            case WARN -> "[WRN]";
            case INFO -> "[INF]";
            case DEBUG -> "[DBG]";
            case TRACE -> "[TRC]";
        };
    }

    /** {@code 2006/01/02 15:04:05} in that time zone. */
    static String localSecond(long epochSecond, TimeZone zone) {
        int offsetSeconds = zone.getOffset(epochSecond * 1000) / 1000;
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.ofTotalSeconds(offsetSeconds));
        StringBuilder text = new StringBuilder(19);
        String year = Integer.toString(time.getYear());
        for (int pad = year.length(); pad < 4; pad++) {
            text.append('0');
        }
        text.append(year);
        twoDigits(text.append('/'), time.getMonthValue());
        twoDigits(text.append('/'), time.getDayOfMonth());
        twoDigits(text.append(' '), time.getHour());
        twoDigits(text.append(':'), time.getMinute());
        twoDigits(text.append(':'), time.getSecond());
        return text.toString();
    }

    private static void twoDigits(StringBuilder text, int value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** The default time zone, read with the first timestamped line. */
    private static final class LocalZone {
        static final TimeZone ZONE = TimeZone.getDefault();
    }
}
