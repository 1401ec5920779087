package io.jnatsd.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Go's {@code time.RFC3339Nano} in UTC, as nats-server writes every timestamp of its JSON (the
 * monitoring documents, system events, the {@code Nats-Request-Info} header): the fraction has
 * its trailing zeros removed, or is absent.
 */
public final class GoTime {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private GoTime() {
    }

    public static String timestamp(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(30).append(SECONDS.format(utc));
        int nanos = instant.getNano();
        if (nanos > 0) {
            String digits = String.format("%09d", nanos);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        return text.append('Z').toString();
    }
}
