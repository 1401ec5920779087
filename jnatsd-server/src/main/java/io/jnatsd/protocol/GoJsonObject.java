package io.jnatsd.protocol;

import java.util.List;

/**
 * A flat JSON object written field by field, with the string escaping of Go's encoding/json
 * (1.22 and later): {@code <}, {@code >}, {@code &}, U+2028, U+2029 and control characters
 * as {@code \}{@code u00xx} unless they have a short form, other characters as they are.
 * For the client INFO line: writing it must not wait for the reflective JSON mapper to start,
 * as the first client of a freshly started server would (docs/STARTUP.md).
 */
public final class GoJsonObject {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder json = new StringBuilder(256).append('{');

    public GoJsonObject field(String name, String value) {
        name(name);
        string(value);
        return this;
    }

    public GoJsonObject field(String name, long value) {
        name(name);
        json.append(value);
        return this;
    }

    public GoJsonObject field(String name, boolean value) {
        name(name);
        json.append(value);
        return this;
    }

    public GoJsonObject field(String name, List<String> values) {
        name(name);
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            string(values.get(i));
        }
        json.append(']');
        return this;
    }

    /** The object, closed. */
    @Override
    public String toString() {
        return json + "}";
    }

    private void name(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        string(name);
        json.append(':');
    }

    private void string(String value) {
        appendString(json, value);
    }

    /** Appends {@code value} as a JSON string (or {@code null}) with this class's escaping. */
    public static StringBuilder appendString(StringBuilder json, String value) {
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        json.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15])
                                .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
