package io.jnatsd.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Go's {@code time.RFC3339Nano} in UTC, as nats-server writes every timestamp of its JSON (the
 * monitoring documents, system events, the {@code Nats-Request-Info} header): the fraction has
 * its trailing zeros removed, or is absent.
 *
 * <p>Written digit by digit from the epoch day (the proleptic Gregorian calendar, as java.time
 * and Go count), not with a {@code DateTimeFormatter} and {@code String.format}: every system
 * event carries a timestamp, and the first ones of a fresh server would otherwise compile a
 * pattern and start the locale machinery on the system thread (docs/STARTUP.md, "Fifth round").
 * Years 0 to 9999, which RFC 3339 allows; outside them java.time writes the text, as before.
 */
public final class GoTime {
    private static final long SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01 to 1970-01-01, the civil-from-days algorithm's origin. */
    private static final long DAYS_0000_TO_1970 = 719_468;
    private static final long DAYS_PER_400_YEARS = 146_097;

    private GoTime() {
    }

    public static String timestamp(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        // Civil date of an epoch day, in eras of 400 years that start on March 1st.
        long days = epochDay + DAYS_0000_TO_1970;
        long era = Math.floorDiv(days, DAYS_PER_400_YEARS);
        int dayOfEra = (int) (days - era * DAYS_PER_400_YEARS);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return OutOfRange.timestamp(instant);
        }
        StringBuilder text = new StringBuilder(30);
        digits(text, (int) year, 4).append('-');
        digits(text, month, 2).append('-');
        digits(text, day, 2).append('T');
        digits(text, secondOfDay / 3600, 2).append(':');
        digits(text, secondOfDay / 60 % 60, 2).append(':');
        digits(text, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            int width = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                width--;
            }
            digits(text.append('.'), nanos, width);
        }
        return text.append('Z').toString();
    }

    /** A year java.time writes with a sign or more than four digits; never seen from a clock. */
    private static final class OutOfRange {
        private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

        static String timestamp(Instant instant) {
            StringBuilder text = new StringBuilder(32)
                    .append(SECONDS.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
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

    /** {@code value} with leading zeros to {@code width} digits. */
    private static StringBuilder digits(StringBuilder text, int value, int width) {
        for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
        return text;
    }

    private static int pow10(int exponent) {
        int power = 1;
        for (int i = 0; i < exponent; i++) {
            power *= 10;
        }
        return power;
    }
}
