package io.jnatsd.monitor;

import io.jnatsd.protocol.GoTime;
import java.time.Duration;
import java.time.Instant;

/**
 * The text formats of nats-server's monitoring JSON that tools parse (MONITORING.md §1):
 * Go's RFC 3339 timestamps, the NATS uptime format and Go's {@code Duration.String()}.
 */
public final class GoFormats {
    private static final long MICROSECOND = 1_000;
    private static final long MILLISECOND = 1_000_000;
    private static final long SECOND = 1_000_000_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private GoFormats() {
    }

    /** Go's {@code time.RFC3339Nano} in UTC ({@link GoTime}). */
    public static String timestamp(Instant instant) {
        return GoTime.timestamp(instant);
    }

    /** nats-server's uptime format: {@code [Ny][Nd][Nh][Nm]Ns}, every unit below the largest shown. */
    static String uptime(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long minutes = seconds / 60;
        long hours = minutes / 60;
        long days = hours / 24;
        long years = days / 365;
        if (years > 0) {
            return years + "y" + days % 365 + "d" + hours % 24 + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (days > 0) {
            return days + "d" + hours % 24 + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (hours > 0) {
            return hours + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + seconds % 60 + "s";
        }
        return seconds + "s";
    }

    /**
     * A round-trip time as nats-server shows it: {@code 0s} when never measured, microsecond
     * precision between 1µs and 1ms, Go's {@code Duration.String()} otherwise.
     */
    static String rtt(long nanos) {
        if (nanos <= 0) {
            return "0s";
        }
        if (nanos > MICROSECOND && nanos < MILLISECOND) {
            return duration(nanos - nanos % MICROSECOND);
        }
        return duration(nanos);
    }

    /** Go's {@code time.Duration.String()}: {@code 1.465311ms}, {@code 522µs}, {@code 4m7.5s}, {@code 1h0m0s}. */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long magnitude = Math.abs(nanos);
        if (magnitude < MICROSECOND) {
            return sign + magnitude + "ns";
        }
        if (magnitude < MILLISECOND) {
            return sign + withFraction(magnitude, MICROSECOND) + "µs";
        }
        if (magnitude < SECOND) {
            return sign + withFraction(magnitude, MILLISECOND) + "ms";
        }
        StringBuilder text = new StringBuilder(sign);
        if (magnitude >= HOUR) {
            text.append(magnitude / HOUR).append('h');
        }
        if (magnitude >= MINUTE) {
            text.append(magnitude % HOUR / MINUTE).append('m');
        }
        return text.append(withFraction(magnitude % MINUTE, SECOND)).append('s').toString();
    }

    /** {@code value / unit} with the remainder as decimals, trailing zeros dropped. */
    private static String withFraction(long value, long unit) {
        long whole = value / unit;
        long remainder = value % unit;
        if (remainder == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(unit).length() - 1;
        String fraction = String.format("%0" + digits + "d", remainder);
        int end = fraction.length();
        while (fraction.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + fraction.substring(0, end);
    }

    /** Float seconds, as nats-server prints {@code auth_timeout} and {@code tls_timeout}. */
    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Go's {@code omitempty} for strings: empty becomes absent. */
    static String omitEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
