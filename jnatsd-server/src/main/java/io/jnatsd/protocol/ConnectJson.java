package io.jnatsd.protocol;

import java.util.Locale;

/**
 * Reads the CONNECT that clients actually send (one flat JSON object of known fields, string,
 * boolean, integer and null values) without the JSON mapper, so that a fresh server's first
 * clients need none of Jackson's classes or set-up (docs/STARTUP.md). Whatever is outside that
 * subset, malformed JSON included, gives {@code null}, and the mapper reads it instead: it alone
 * decides what else is accepted and words the errors as nats-server does, so this reader can
 * only ever agree with it (ConnectJsonTest checks both on the same inputs).
 *
 * <p>Go's rules, as the mapper applies them: field names match in any case (ASCII names here),
 * a null leaves the default, the last of repeated fields wins, fields it does not know are
 * skipped, and no type is coerced.
 */
final class ConnectJson {
    private static final Object NULL = new Object();
    private static final Object OTHER_NUMBER = new Object();
    /** Thrown wherever the input leaves the subset; one instance, no stack trace. */
    private static final Outside OUTSIDE = new Outside();

    private final String json;
    private int position;

    private ConnectJson(String json) {
        this.json = json;
    }

    /** The options, or null when the mapper must decide. */
    static ConnectOptions read(String json) {
        try {
            return new ConnectJson(json).object();
        } catch (Outside e) {
            return null;
        }
    }

    private ConnectOptions object() {
        ConnectOptions options = new ConnectOptions();
        skipWhitespace();
        expect('{');
        skipWhitespace();
        if (!take('}')) {
            do {
                skipWhitespace();
                String name = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                Object value = scalar();
                if (value != NULL) {
                    // A null leaves the default, for every field.
                    set(options, name, value);
                }
                skipWhitespace();
            } while (take(','));
            expect('}');
        }
        skipWhitespace();
        if (position != json.length()) {
            throw OUTSIDE;
        }
        return options;
    }

    private static void set(ConnectOptions options, String name, Object value) {
        switch (asciiLowerCase(name)) {
            case "verbose" -> options.verbose = bool(value);
            case "pedantic" -> options.pedantic = bool(value);
            case "echo" -> options.echo = bool(value);
            case "headers" -> options.headers = bool(value);
            case "no_responders" -> options.noResponders = bool(value);
            case "tls_required" -> options.tlsRequired = bool(value);
            case "new_account" -> options.newAccount = bool(value);
            case "protocol" -> options.protocol = integer(value);
            case "name" -> options.name = text(value);
            case "lang" -> options.lang = text(value);
            case "version" -> options.version = text(value);
            case "user" -> options.user = text(value);
            case "pass" -> options.pass = text(value);
            case "auth_token" -> options.authToken = text(value);
            case "nkey" -> options.nkey = text(value);
            case "sig" -> options.sig = text(value);
            case "jwt" -> options.jwt = text(value);
            case "account" -> options.account = text(value);
            default -> {
                // A field the options do not have: skipped, as Go skips it.
            }
        }
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw OUTSIDE;
    }

    /** Go's int: 64 bits, no fraction or exponent. */
    private static long integer(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        throw OUTSIDE;
    }

    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw OUTSIDE;
    }

    /**
     * The name in lower case when it is ASCII. Any other name goes to the mapper: Go folds some
     * non-ASCII letters onto ASCII ones (ſ onto s, the Kelvin sign onto k).
     */
    private static String asciiLowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                throw OUTSIDE;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * The value at the position: a String, a Boolean, a Long (an integer that fits one),
     * {@link #OTHER_NUMBER} or {@link #NULL}. Objects and arrays go to the mapper.
     */
    private Object scalar() {
        if (position < json.length() && json.charAt(position) == '"') {
            return string();
        }
        if (literal("true")) {
            return Boolean.TRUE;
        }
        if (literal("false")) {
            return Boolean.FALSE;
        }
        if (literal("null")) {
            return NULL;
        }
        return number();
    }

    /** The JSON string at the position, unescaped. */
    private String string() {
        expect('"');
        StringBuilder text = null;
        int start = position;
        while (position < json.length()) {
            char c = json.charAt(position);
            if (c == '"') {
                String value = text == null ? json.substring(start, position)
                        : text.append(json, start, position).toString();
                position++;
                return value;
            }
            if (c < 0x20) {
                throw OUTSIDE;
            }
            if (c == '\\') {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(json, start, position);
                escape(text);
                start = position;
            } else {
                position++;
            }
        }
        throw OUTSIDE;
    }

    /** Appends the escape at the position (its backslash included). */
    private void escape(StringBuilder text) {
        if (position + 1 >= json.length()) {
            throw OUTSIDE;
        }
        char c = json.charAt(position + 1);
        position += 2;
        switch (c) {
            case '"', '\\', '/' -> text.append(c);
            case 'b' -> text.append('\b');
            case 'f' -> text.append('\f');
            case 'n' -> text.append('\n');
            case 'r' -> text.append('\r');
            case 't' -> text.append('\t');
            case 'u' -> {
                if (position + 4 > json.length()) {
                    throw OUTSIDE;
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(json.charAt(position + i), 16);
                    if (digit < 0) {
                        throw OUTSIDE;
                    }
                    code = code * 16 + digit;
                }
                if (Character.isSurrogate((char) code)) {
                    // Go and Jackson treat lone and paired surrogates differently: the mapper decides.
                    throw OUTSIDE;
                }
                text.append((char) code);
                position += 4;
            }
            default -> throw OUTSIDE;
        }
    }

    /** The JSON number (-? int frac? exp?) at the position. */
    private Object number() {
        int start = position;
        take('-');
        if (take('0')) {
            if (digits() > 0) {
                throw OUTSIDE;
            }
        } else if (digits() == 0) {
            throw OUTSIDE;
        }
        boolean integer = true;
        if (take('.')) {
            integer = false;
            if (digits() == 0) {
                throw OUTSIDE;
            }
        }
        if (take('e') || take('E')) {
            integer = false;
            if (!take('+')) {
                take('-');
            }
            if (digits() == 0) {
                throw OUTSIDE;
            }
        }
        if (!integer) {
            return OTHER_NUMBER;
        }
        try {
            return Long.parseLong(json, start, position, 10);
        } catch (NumberFormatException e) {
            return OTHER_NUMBER;
        }
    }

    private int digits() {
        int start = position;
        while (position < json.length() && json.charAt(position) >= '0' && json.charAt(position) <= '9') {
            position++;
        }
        return position - start;
    }

    private boolean literal(String word) {
        if (json.startsWith(word, position)) {
            int end = position + word.length();
            // "nullx" or "true1" is not a literal but a syntax error, which the mapper words.
            if (end == json.length() || !Character.isLetterOrDigit(json.charAt(end))) {
                position = end;
                return true;
            }
        }
        return false;
    }

    private void expect(char expected) {
        if (!take(expected)) {
            throw OUTSIDE;
        }
    }

    private boolean take(char expected) {
        if (position < json.length() && json.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
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

    private static final class Outside extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Outside() {
            super("outside the plain CONNECT subset", null, false, false);
        }
    }
}
