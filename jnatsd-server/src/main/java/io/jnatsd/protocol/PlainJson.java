package io.jnatsd.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scanner for the JSON that NATS peers actually write: one object of strings, numbers,
 * booleans, nulls, arrays and nested objects. A fresh server reads client CONNECTs and route
 * INFOs while its JVM is still cold, where Jackson, interpreted, costs a millisecond or more per
 * document; this does a fraction of the work per character (docs/STARTUP.md). Whatever it does
 * not read exactly as Jackson would (a leading zero, a surrogate escape, a control character, a
 * literal run into other text, text after the object, nesting deeper than 32, any syntax error)
 * throws {@link NotPlain}, and the caller reads the text again with Jackson, which alone words
 * the errors as nats-server does. Callers give up the same way on a value of the wrong JSON
 * type for a field they know.
 *
 * <p>Values: {@link String}, {@link Boolean}, {@link Long}, {@link #OTHER_NUMBER},
 * {@link #NULL}, {@code List<Object>} for arrays and {@code Map<String, Object>} (in order) for
 * nested objects.
 */
public final class PlainJson {
    /** JSON {@code null}. */
    public static final Object NULL = new Object();
    /** A number that is not an integer of at most 18 digits: no integer field takes it. */
    public static final Object OTHER_NUMBER = new Object();
    /** Deeper values are left to Jackson and its nesting limit: the scanner recurses. */
    private static final int MAX_DEPTH = 32;
    private static final NotPlain NOT_PLAIN = new NotPlain();

    private final String json;
    private int position;
    private int depth;

    private PlainJson(String json) {
        this.json = json;
    }

    /** The members of the object in {@code json} as name, value, name, value ..., in order. */
    public static List<Object> members(String json) {
        return new PlainJson(json).object();
    }

    /**
     * The value of the last top-level member named {@code name} (the one Jackson keeps), or null
     * when there is none. The rest of the document is checked as {@link #members} checks it but
     * not built: a peer's STATSZ heartbeat lists every route connection, and a server hears
     * hundreds of them while a cluster forms, for the two fields of one member.
     */
    public static Object lastMember(String json, String name) {
        return new PlainJson(json).lastMember(name);
    }

    private Object lastMember(String name) {
        skipWhitespace();
        expect('{');
        skipWhitespace();
        Object found = null;
        if (peek() == '}') {
            position++;
        } else {
            while (true) {
                skipWhitespace();
                boolean wanted = string().equals(name);
                skipWhitespace();
                expect(':');
                skipWhitespace();
                if (wanted) {
                    found = value();
                } else {
                    skipValue();
                }
                skipWhitespace();
                char next = next();
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    throw NOT_PLAIN;
                }
            }
        }
        skipWhitespace();
        if (position != json.length()) {
            throw NOT_PLAIN;
        }
        return found;
    }

    /**
     * Reads past one value, accepting exactly what {@link #value} accepts (the same depth limit
     * included), building nothing. A loop with the open containers kept as bits, not recursion:
     * C2 inlines a recursive scanner into itself, and that one compilation cost every server of a
     * twenty-server start more CPU than the scanning it sped up (docs/STARTUP.md).
     */
    private void skipValue() {
        long objects = 0;   // bit n: the container n levels down is an object (else an array)
        int level = 0;
        while (true) {
            if (depth + level + 1 > MAX_DEPTH) {
                throw NOT_PLAIN;
            }
            char c = peek();
            if (c == '{' || c == '[') {
                char close = c == '{' ? '}' : ']';
                position++;
                skipWhitespace();
                if (peek() != close) {
                    level++;
                    objects = c == '{' ? objects | 1L << level : objects & ~(1L << level);
                    if (c == '{') {
                        skipName();
                    }
                    continue;
                }
                position++;
            } else {
                skipScalar(c);
            }
            // The value ended: close the containers it ended, or move to the next element.
            while (true) {
                if (level == 0) {
                    return;
                }
                boolean object = (objects & 1L << level) != 0;
                skipWhitespace();
                char next = next();
                if (next == (object ? '}' : ']')) {
                    level--;
                    continue;
                }
                if (next != ',') {
                    throw NOT_PLAIN;
                }
                skipWhitespace();
                if (object) {
                    skipName();
                }
                break;
            }
        }
    }

    /** A member's name and colon, up to its value. */
    private void skipName() {
        skipString();
        skipWhitespace();
        expect(':');
        skipWhitespace();
    }

    private void skipScalar(char first) {
        switch (first) {
            case '"' -> skipString();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> number();
        }
    }

    private void skipString() {
        expect('"');
        while (true) {
            char c = next();
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw NOT_PLAIN;
            }
            if (c == '\\') {
                char escape = next();
                switch (escape) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> { }
                    case 'u' -> unicodeEscape();
                    default -> throw NOT_PLAIN;
                }
            }
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
            throw NOT_PLAIN;
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
                throw NOT_PLAIN;
            }
        }
    }

    private Object value() {
        if (++depth > MAX_DEPTH) {
            throw NOT_PLAIN;
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
                throw NOT_PLAIN;
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
                throw NOT_PLAIN;
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
                throw NOT_PLAIN;
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
                default -> throw NOT_PLAIN;
            }
        }
    }

    private char unicodeEscape() {
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                throw NOT_PLAIN;
            }
            code = code * 16 + digit;
        }
        if (Character.isSurrogate((char) code)) {
            throw NOT_PLAIN;
        }
        return (char) code;
    }

    /**
     * A number: a {@link Long} for an integer of at most 18 digits, {@link #OTHER_NUMBER} for
     * any other valid JSON number (a fraction, an exponent, more digits), which no field read as
     * an integer takes; a leading zero or a malformed number is not plain.
     */
    private Object number() {
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
        if (digits == 0 || (digits > 1 && json.charAt(start) == '0')) {
            throw NOT_PLAIN;
        }
        boolean integer = digits <= 18;
        if (take('.')) {
            integer = false;
            requireDigits();
        }
        if (take('e') || take('E')) {
            integer = false;
            if (!take('+')) {
                take('-');
            }
            requireDigits();
        }
        endOfToken();
        if (!integer) {
            return OTHER_NUMBER;
        }
        return negative ? -value : value;
    }

    private void requireDigits() {
        int start = position;
        while (position < json.length() && json.charAt(position) >= '0' && json.charAt(position) <= '9') {
            position++;
        }
        if (position == start) {
            throw NOT_PLAIN;
        }
    }

    private boolean take(char expected) {
        if (position < json.length() && json.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private Object literal(String word, Object value) {
        if (!json.startsWith(word, position)) {
            throw NOT_PLAIN;
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
                throw NOT_PLAIN;
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
            throw NOT_PLAIN;
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
            throw NOT_PLAIN;
        }
    }

    /**
     * Appends {@code value} as a JSON string, escaped as Go's encoder escapes it ({@code <}, {@code >}
     * and {@code &} as {@code \\u00XX}); a character outside printable ASCII throws {@link NotPlain},
     * for the caller to leave the document to the mapper.
     */
    public static void appendQuoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw PlainJson.NotPlain.instance();
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    /** Text the scanner does not read exactly as Jackson would; thrown without a stack trace. */
    public static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private NotPlain() {
            super("not plain JSON", null, false, false);
        }

        /** The one instance, for writers that give up on the same terms. */
        public static NotPlain instance() {
            return NOT_PLAIN;
        }
    }
}
