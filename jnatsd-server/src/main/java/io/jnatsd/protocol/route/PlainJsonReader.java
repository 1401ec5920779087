package io.jnatsd.protocol.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the route INFOs and CONNECTs that servers write: one JSON object of strings, integers,
 * booleans, nulls, string arrays and permission objects. A server in a cluster start reads
 * hundreds of them (twenty servers: every connection's INFO and CONNECT, and ~170 gossiped
 * INFOs each) while its JVM is still cold, where jackson-core's general parser, interpreted,
 * costs 1-2 ms per INFO; this scanner does a fraction of the work per character. Anything it
 * does not read exactly as jackson-core would (a float, a leading zero, a surrogate escape, a
 * control character, text after the object, a syntax error, a value of the wrong JSON type for
 * its field) makes {@link #read} answer false, and {@link RouteJson} reads the text again with
 * jackson-core, which keeps Go's error wording in one place.
 */
final class PlainJsonReader {
    private static final Object NULL = new Object();
    /** Deeper values are left to jackson-core and its nesting limit: the scanner recurses. */
    private static final int MAX_DEPTH = 32;

    private final String json;
    private int position;
    private int depth;

    private PlainJsonReader(String json) {
        this.json = json;
    }

    /**
     * Hands each field of the object in {@code json} to {@code field}, in order.
     *
     * @return false when the text is not plain (nothing can be concluded: read it with jackson-core)
     */
    static boolean read(String json, RouteJson.FieldReader field) {
        try {
            PlainJsonReader reader = new PlainJsonReader(json);
            List<Object> fields = reader.object();
            for (int i = 0; i < fields.size(); i += 2) {
                field.read((String) fields.get(i), new Value(fields.get(i + 1)));
            }
            return true;
        } catch (NotPlain | java.io.IOException e) {
            return false;
        }
    }

    /** The top-level object as name, value, name, value ...; nothing but whitespace may follow it. */
    private List<Object> object() {
        skipWhitespace();
        expect('{');
        List<Object> fields = new ArrayList<>(64);
        members(fields);
        skipWhitespace();
        if (position != json.length()) {
            throw NotPlain.INSTANCE;
        }
        return fields;
    }

    /** The members after an object's '{', up to and including its '}'. */
    private void members(List<Object> fields) {
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return;
        }
        while (true) {
            skipWhitespace();
            fields.add(string());
            skipWhitespace();
            expect(':');
            skipWhitespace();
            fields.add(value());
            skipWhitespace();
            char next = next();
            if (next == '}') {
                return;
            }
            if (next != ',') {
                throw NotPlain.INSTANCE;
            }
        }
    }

    private Object value() {
        if (++depth > MAX_DEPTH) {
            throw NotPlain.INSTANCE;
        }
        try {
            return valueAtDepth();
        } finally {
            depth--;
        }
    }

    private Object valueAtDepth() {
        char c = peek();
        switch (c) {
            case '"':
                return string();
            case '{': {
                position++;
                List<Object> members = new ArrayList<>();
                members(members);
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = 0; i < members.size(); i += 2) {
                    object.put((String) members.get(i), members.get(i + 1));
                }
                return object;
            }
            case '[':
                return array();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                return number();
        }
    }

    private List<Object> array() {
        position++;
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return elements;
        }
        while (true) {
            skipWhitespace();
            elements.add(value());
            skipWhitespace();
            char next = next();
            if (next == ']') {
                return elements;
            }
            if (next != ',') {
                throw NotPlain.INSTANCE;
            }
        }
    }

    private String string() {
        expect('"');
        int start = position;
        while (true) {
            char c = next();
            if (c == '"') {
                return json.substring(start, position - 1);
            }
            if (c == '\\') {
                return escapedString(start);
            }
            if (c < 0x20) {
                throw NotPlain.INSTANCE;
            }
        }
    }

    /** The rest of a string from its first escape on (just read). */
    private String escapedString(int start) {
        StringBuilder text = new StringBuilder(json.length() - start);
        text.append(json, start, position - 1);
        position--;
        while (true) {
            char c = next();
            if (c == '"') {
                return text.toString();
            }
            if (c < 0x20) {
                throw NotPlain.INSTANCE;
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> text.append(escape);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> text.append(unicodeEscape());
                default -> throw NotPlain.INSTANCE;
            }
        }
    }

    private char unicodeEscape() {
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                throw NotPlain.INSTANCE;
            }
            code = code * 16 + digit;
        }
        if (Character.isSurrogate((char) code)) {
            throw NotPlain.INSTANCE;
        }
        return (char) code;
    }

    /** An integer (a float, a leading zero or more than 18 digits is not plain). */
    private Long number() {
        boolean negative = peek() == '-';
        if (negative) {
            position++;
        }
        int start = position;
        long value = 0;
        while (position < json.length() && json.charAt(position) >= '0' && json.charAt(position) <= '9') {
            value = value * 10 + (json.charAt(position) - '0');
            position++;
        }
        int digits = position - start;
        if (digits == 0 || digits > 18 || (digits > 1 && json.charAt(start) == '0')) {
            throw NotPlain.INSTANCE;
        }
        endOfToken();
        return negative ? -value : value;
    }

    private Object literal(String word, Object value) {
        if (!json.startsWith(word, position)) {
            throw NotPlain.INSTANCE;
        }
        position += word.length();
        endOfToken();
        return value;
    }

    /** A number or literal must be followed by a delimiter (jackson-core refuses {@code truex}, {@code 1.5} is a float). */
    private void endOfToken() {
        if (position < json.length()) {
            char c = json.charAt(position);
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                throw NotPlain.INSTANCE;
            }
        }
    }

    private void skipWhitespace() {
        while (position < json.length()) {
            char c = json.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private char peek() {
        if (position >= json.length()) {
            throw NotPlain.INSTANCE;
        }
        return json.charAt(position);
    }

    private char next() {
        char c = peek();
        position++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw NotPlain.INSTANCE;
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
            throw NotPlain.INSTANCE;
        }

        @Override
        public boolean bool() {
            if (value == NULL) {
                return false;
            }
            if (value instanceof Boolean flag) {
                return flag;
            }
            throw NotPlain.INSTANCE;
        }

        @Override
        public long number() {
            if (value == NULL) {
                return 0;
            }
            if (value instanceof Long number) {
                return number;
            }
            throw NotPlain.INSTANCE;
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
                throw NotPlain.INSTANCE;
            }
            List<String> strings = new ArrayList<>(elements.size());
            for (Object element : elements) {
                if (!(element instanceof String text)) {
                    throw NotPlain.INSTANCE;
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
                throw NotPlain.INSTANCE;
            }
            Map<String, List<String>> permissions = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                permissions.put((String) entry.getKey(), strings(entry.getValue()));
            }
            return permissions;
        }
    }
}
