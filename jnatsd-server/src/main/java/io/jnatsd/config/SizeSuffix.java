package io.jnatsd.config;

import java.util.List;
import java.util.Locale;

/**
 * Integers with a size suffix: {@code k}=1000 and {@code kb}/{@code ki}/{@code kib}=1024, then the
 * same for m, g, t, p and e (case-insensitive), as nats-server. Like Go, a product that does not fit
 * in 64 bits wraps around instead of failing.
 */
final class SizeSuffix {
    private static final String PREFIXES = "kmgtpe";

    private SizeSuffix() {
    }

    static long parse(String text, ConfigPosition at) {
        int digitsEnd = 0;
        while (digitsEnd < text.length() && (Character.isDigit(text.charAt(digitsEnd)) || text.charAt(digitsEnd) == '-')) {
            digitsEnd++;
        }
        long number;
        try {
            number = Long.parseLong(text.substring(0, digitsEnd));
        } catch (NumberFormatException e) {
            throw new ConfigException(List.of("integer '" + text + "' is out of the range")); // no position, as nats-server
        }
        String suffix = text.substring(digitsEnd).toLowerCase(Locale.ROOT);
        return number * multiplier(suffix, text, at);
    }

    private static long multiplier(String suffix, String text, ConfigPosition at) {
        if (suffix.isEmpty()) {
            return 1;
        }
        int power = PREFIXES.indexOf(suffix.charAt(0)) + 1;
        String binaryMark = suffix.substring(1);
        if (power == 0) {
            throw invalid(text, at);
        }
        return switch (binaryMark) {
            case "" -> pow(1000, power);
            case "b", "i", "ib" -> 1L << (10 * power);
            default -> throw invalid(text, at);
        };
    }

    private static ConfigException invalid(String text, ConfigPosition at) {
        return new ConfigException(at, "invalid size suffix in '" + text + "'");
    }

    private static long pow(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }
}
