package io.jnatsd.bench.report;

import java.util.Locale;

/** Message sizes as people write them: {@code 16}, {@code 16b}, {@code 1k}, {@code 64KB}, {@code 1m} (binary units). */
public final class ByteSize {

    private static final int KIBI = 1024;

    private ByteSize() {
    }

    public static int parse(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        String digits = lower.replaceAll("(ki?b?|mi?b?|b)$", "");
        String unit = lower.substring(digits.length());
        int multiplier = unit.startsWith("k") ? KIBI : unit.startsWith("m") ? KIBI * KIBI : 1;
        int value;
        try {
            value = Integer.parseInt(digits.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (examples: 16, 1k, 64KB)");
        }
        if (value < 0) {
            throw new IllegalArgumentException("negative size: " + text);
        }
        return Math.multiplyExact(value, multiplier);
    }

    public static String format(int bytes) {
        if (bytes >= KIBI * KIBI && bytes % (KIBI * KIBI) == 0) {
            return bytes / (KIBI * KIBI) + " MiB";
        }
        if (bytes >= KIBI && bytes % KIBI == 0) {
            return bytes / KIBI + " KiB";
        }
        return bytes + " B";
    }
}
