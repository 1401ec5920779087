package io.jnatsd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Writes a document built of maps, lists, strings, integers, doubles, booleans and JSON null
 * nodes byte for byte as {@link GoJson#compact()} (or {@link GoJson#indented()}) writes it: the
 * system account's events and answers (server headers, STATSZ heartbeats, connection counts),
 * and the monitoring endpoints' documents. A fresh server sends its first
 * heartbeats while its JVM is cold, where the mapper's construction and its reflective look-ups
 * of serializers cost far more than the document (docs/STARTUP.md, "Fifth round").
 *
 * <p>Anything it does not write exactly as the mapper would throws {@link PlainJson.NotPlain},
 * and the caller writes the document with the mapper: a string or key with a character that is
 * not printable ASCII, a map with a null value or a key that is not a string, a value of any
 * other type (floats, big numbers, arrays, sets, records, other JSON nodes), nesting deeper
 * than 32. Strings escape {@code "} and {@code \} with a backslash and {@code <}, {@code >},
 * {@code &} as {@link GoEscapes} does; doubles as {@link GoFloatSerializer}; a {@link JsonFields}
 * value as the map of its fields.
 */
public final class PlainDocumentWriter {
    private static final int MAX_DEPTH = 32;

    private final StringBuilder out = new StringBuilder(512);
    private final boolean indented;

    private PlainDocumentWriter(boolean indented) {
        this.indented = indented;
    }

    /** The document as compact JSON, or {@link PlainJson.NotPlain} for the mapper to write it. */
    public static String write(Object document) {
        PlainDocumentWriter writer = new PlainDocumentWriter(false);
        writer.value(document, 0);
        return writer.out.toString();
    }

    /**
     * The document as {@link GoJson#indented()} writes it (the monitoring endpoints' layout,
     * {@link GoIndentPrinter}), or {@link PlainJson.NotPlain} for the mapper to write it.
     */
    public static String writeIndented(Object document) {
        PlainDocumentWriter writer = new PlainDocumentWriter(true);
        writer.value(document, 0);
        return writer.out.toString();
    }

    private void value(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw PlainJson.NotPlain.instance();
        }
        if (value instanceof String text) {
            quoted(text);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            object(map, depth);
        } else if (value instanceof JsonFields fields) {
            object(fields.jsonFields(), depth);
        } else if (value instanceof List<?> list) {
            array(list, depth);
        } else if (value instanceof Double number) {
            out.append(GoFloatSerializer.format(number));
        } else if (value instanceof JsonNode node && node.isNull()) {
            out.append("null");
        } else {
            throw PlainJson.NotPlain.instance();
        }
    }

    private void object(Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name) || entry.getValue() == null) {
                throw PlainJson.NotPlain.instance();
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            newLine(depth + 1);
            quoted(name);
            out.append(indented ? ": " : ":");
            value(entry.getValue(), depth + 1);
        }
        if (!first) {
            newLine(depth);
        }
        out.append('}');
    }

    private void array(List<?> list, int depth) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object element = list.get(i);
            if (element == null) {
                throw PlainJson.NotPlain.instance();
            }
            newLine(depth + 1);
            value(element, depth + 1);
        }
        if (!list.isEmpty()) {
            newLine(depth);
        }
        out.append(']');
    }

    /** In the indented layout, a new line and two spaces per level. */
    private void newLine(int level) {
        if (indented) {
            out.append('\n');
            for (int i = 0; i < level; i++) {
                out.append("  ");
            }
        }
    }

    private void quoted(String value) {
        PlainJson.appendQuoted(out, value);
    }

    /** An object that the mapper writes as a map of its fields ({@code @JsonValue}), in their order. */
    public interface JsonFields {
        Map<String, Object> jsonFields();
    }
}
