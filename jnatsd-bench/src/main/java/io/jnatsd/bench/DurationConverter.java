package io.jnatsd.bench;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/** Durations as {@code 500ms}, {@code 2s}, {@code 1m}, or a bare number of seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
            }
            if (lower.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(lower.substring(0, lower.length() - 1)) * 1000));
            }
            if (lower.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(lower.substring(0, lower.length() - 1)) * 60));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(lower) * 1000));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("not a duration: '" + text + "' (examples: 500ms, 2s, 1m)");
        }
    }
}
