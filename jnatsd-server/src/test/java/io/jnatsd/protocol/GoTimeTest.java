package io.jnatsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link GoTime} written digit by digit reads as java.time's RFC 3339 text, fraction trimmed. */
class GoTimeTest {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    @Test
    void knownTimestamps() {
        assertThat(GoTime.timestamp(Instant.parse("2026-11-25T20:23:07.112868271Z"))).isEqualTo("2026-11-25T20:23:07.112868271Z");
        assertThat(GoTime.timestamp(Instant.parse("2026-11-25T20:23:20.084387690Z"))).isEqualTo("2026-11-25T20:23:20.08438769Z");
        assertThat(GoTime.timestamp(Instant.parse("2024-02-29T23:59:59.000000001Z"))).isEqualTo("2024-02-29T23:59:59.000000001Z");
        assertThat(GoTime.timestamp(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(GoTime.timestamp(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.5Z");
        assertThat(GoTime.timestamp(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00Z");
        assertThat(GoTime.timestamp(Instant.parse("9999-12-31T23:59:59.999999999Z"))).isEqualTo("9999-12-31T23:59:59.999999999Z");
    }

    @Test
    void everyDayOfFourHundredYearsAndRandomInstantsReadAsJavaTimeWritesThem() {
        long first = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        for (long day = 0; day < 146_097; day++) {
            Instant instant = Instant.ofEpochSecond(first + day * 86_400 + day % 86_400, day * 7919 % 1_000_000_000);
            assertThat(GoTime.timestamp(instant)).isEqualTo(reference(instant));
        }
        SplittableRandom random = new SplittableRandom(14);
        long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+10100-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), nanos);
            assertThat(GoTime.timestamp(instant)).isEqualTo(reference(instant));
        }
    }

    /** What GoTime wrote before: java.time's text for the seconds, the fraction trimmed of trailing zeros. */
    private static String reference(Instant instant) {
        StringBuilder text = new StringBuilder(SECONDS.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
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
