package io.jnatsd.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Go duration strings ({@code "500ms"}, {@code "1h30m"}, {@code "-1.5s"}), the form nats-server
 * takes for every time option. Units: ns, us, µs, μs, ms, s, m, h. Messages are Go's, as
 * nats-server prints them ({@code time: unknown unit " minutes" in duration "2 minutes"}).
 */
public final class GoDuration {
    private GoDuration() {
    }

    static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        double nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            boolean whole = i > numberStart;
            int fractionStart = i;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                fractionStart = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            boolean fraction = i > fractionStart;
            if (!whole && !fraction) {
                throw invalid(text);
            }
            double number = Double.parseDouble(s.substring(numberStart, i).equals(".") ? "0" : s.substring(numberStart, i));
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
            }
            nanos += number * unitNanos(s.substring(unitStart, i), text);
        }
        long rounded = (long) nanos;
        return Duration.ofNanos(negative ? -rounded : rounded);
    }

    private static long unitNanos(String unit, String text) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException(
                    "time: unknown unit " + quote(unit) + " in duration " + quote(text));
        };
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quote(text));
    }

    /**
     * Quoted as Go's time package quotes text in its errors: quotes and backslashes escaped,
     * every byte of a character that is not printable ASCII as {@code \xNN}.
     */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < ' ' || c >= 0x80) {
                out.append(String.format("\\x%02x", c));
            } else {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append((char) c);
            }
        }
        return out.append('"').toString();
    }

    /** Go's rendering of a duration in messages: 30s, 1m0s, 500ms. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (Math.abs(nanos) < 1_000_000_000L) {
            if (nanos % 1_000_000 == 0) {
                return nanos / 1_000_000 + "ms";
            }
            return nanos % 1000 == 0 ? nanos / 1000 + "µs" : nanos + "ns";
        }
        long seconds = d.toSeconds();
        StringBuilder out = new StringBuilder();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
        }
        if (seconds >= 60) {
            out.append(seconds % 3600 / 60).append('m');
        }
        out.append(seconds % 60);
        long fraction = nanos % 1_000_000_000L;
        if (fraction != 0) {
            out.append('.').append(String.format("%09d", fraction).replaceAll("0+$", ""));
        }
        return out.append('s').toString();
    }
}
