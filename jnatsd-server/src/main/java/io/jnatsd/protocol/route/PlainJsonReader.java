package io.jnatsd.protocol.route;

import io.jnatsd.protocol.PlainJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the route INFOs and CONNECTs that servers write (strings, integers, booleans, nulls,
 * string arrays and permission objects) from {@link PlainJson}'s scan, each field as the Go type
 * nats-server declares for it. A server in a cluster start reads hundreds of them (twenty
 * servers: every connection's INFO and CONNECT, and ~170 gossiped INFOs each) while its JVM is
 * still cold, where jackson-core's general parser, interpreted, costs 1-2 ms per INFO. Text the
 * scanner does not take, or a value of the wrong JSON type for its field, makes {@link #read}
 * answer false, and {@link RouteJson} reads the text again with jackson-core, which keeps Go's
 * error wording in one place.
 */
final class PlainJsonReader {
    private static final Object NULL = PlainJson.NULL;

    private PlainJsonReader() {
    }

    /**
     * Hands each field of the object in {@code json} to {@code field}, in order.
     *
     * @return false when the text is not plain (nothing can be concluded: read it with jackson-core)
     */
    static boolean read(String json, RouteJson.FieldReader field) {
        try {
            List<Object> fields = PlainJson.members(json);
            for (int i = 0; i < fields.size(); i += 2) {
                field.read((String) fields.get(i), new Value(fields.get(i + 1)));
            }
            return true;
        } catch (PlainJson.NotPlain | java.io.IOException e) {
            return false;
        }
    }

    /** One field's value, read as its Go type; any other JSON type is left to jackson-core's error. */
    private record Value(Object value) implements FieldValue {
        @Override
        public String string() {
            if (value == NULL) {
                return null;
            }
            if (value instanceof String text) {
                return text;
            }
            throw PlainJson.NotPlain.instance();
        }

        @Override
        public boolean bool() {
            if (value == NULL) {
                return false;
            }
            if (value instanceof Boolean flag) {
                return flag;
            }
            throw PlainJson.NotPlain.instance();
        }

        @Override
        public long number() {
            if (value == NULL) {
                return 0;
            }
            if (value instanceof Long number) {
                return number;
            }
            throw PlainJson.NotPlain.instance();
        }

        @Override
        public List<String> strings() {
            return strings(value);
        }

        private static List<String> strings(Object value) {
            if (value == NULL) {
                return null;
            }
            if (!(value instanceof List<?> elements)) {
                throw PlainJson.NotPlain.instance();
            }
            List<String> strings = new ArrayList<>(elements.size());
            for (Object element : elements) {
                if (!(element instanceof String text)) {
                    throw PlainJson.NotPlain.instance();
                }
                strings.add(text);
            }
            return strings;
        }

        @Override
        public Map<String, List<String>> permissions() {
            if (value == NULL) {
                return null;
            }
            if (!(value instanceof Map<?, ?> object)) {
                throw PlainJson.NotPlain.instance();
            }
            Map<String, List<String>> permissions = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                permissions.put((String) entry.getKey(), strings(entry.getValue()));
            }
            return permissions;
        }
    }
}
