package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.NullNode;
import io.jnatsd.protocol.PlainDocumentWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object written in the order its fields are put, the way a Go struct marshals:
 * {@link #put} always writes the field (null as {@code null}), {@link #omitEmpty} drops it when
 * Go's {@code omitempty} would (null, false, 0, "", empty list or map). Field names are
 * nats-server's JSON names, spelled out where they are written.
 */
final class GoObject implements PlainDocumentWriter.JsonFields {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    GoObject put(String name, Object value) {
        // A JSON null node, because the shared mapper drops null map values.
        fields.put(name, value == null ? NullNode.getInstance() : value);
        return this;
    }

    GoObject omitEmpty(String name, Object value) {
        if (!isEmpty(value)) {
            fields.put(name, value);
        }
        return this;
    }

    GoObject putAll(GoObject other) {
        fields.putAll(other.fields);
        return this;
    }

    @JsonValue
    @Override
    public Map<String, Object> jsonFields() {
        return fields;
    }

    private static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Boolean bool) {
            return !bool;
        }
        if (value instanceof Number number) {
            return number.doubleValue() == 0;
        }
        if (value instanceof CharSequence text) {
            return text.isEmpty();
        }
        if (value instanceof Collection<?> collection) {
            return collection.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        return false;
    }
}
