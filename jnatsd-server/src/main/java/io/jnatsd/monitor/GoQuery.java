package io.jnatsd.monitor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query string read as nats-server's handlers read it (Go's {@code URL.Query()}): pairs split
 * on {@code &}, {@code +} is a space, and a pair that cannot be read (a broken percent-escape, or
 * a {@code ;} anywhere in it) is skipped without failing the request, so {@code /varz?%zz} is
 * simply {@code /varz}.
 */
final class GoQuery {
    private GoQuery() {
    }

    static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty() || pair.indexOf(';') >= 0) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = percentDecode(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = percentDecode(equals < 0 ? "" : pair.substring(equals + 1), true);
            if (key != null && value != null) {
                values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        return values;
    }

    /**
     * Decodes {@code %XX} escapes (and {@code +} as a space in a query) of text read as ISO-8859-1,
     * one char per byte, into UTF-8 text; null when a {@code %} is not followed by two hex digits.
     */
    static String percentDecode(String text, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
