package io.jnatsd.config;

/**
 * Character-level half of the configuration reader: the {@link ConfigParser} asks for the token
 * it expects next (a key, a value, the end of an entry) and this class scans it. The grammar,
 * including these lexical rules, is written once in {@link ConfigParser}'s class comment.
 *
 * <p>The scanner only moves forward; it tracks line and column so every token carries its
 * {@link ConfigPosition}. Error texts are nats-server's, so both servers explain a broken file the
 * same way, on the line nats-server's reader names: the line it is on after reading the character
 * that is wrong, so a misplaced newline is reported on the line after it.
 */
final class ConfigLexer {
    static final int EOF = -1;

    enum Kind { KEY, INCLUDE, STRING, INTEGER, FLOAT, BOOLEAN, DATETIME, VARIABLE, ARRAY_START, MAP_START }

    record Token(Kind kind, String text, ConfigPosition position) {
    }

    private final String file;
    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    ConfigLexer(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /**
     * The next character, or EOF at the end and at a NUL character: nats-server's reader uses the
     * NUL rune as its end-of-input mark, so wherever it meets one it acts as at the end, though the
     * text goes on after it ({@link #atNul()} tells the two apart).
     */
    int peek() {
        return pos < text.length() && text.charAt(pos) != '\0' ? text.charAt(pos) : EOF;
    }

    /** Whether the next character is a NUL, which reads as the end but can be stepped over. */
    boolean atNul() {
        return pos < text.length() && text.charAt(pos) == '\0';
    }

    private int peekAt(int offset) {
        int at = pos + offset;
        return at < text.length() ? text.charAt(at) : EOF;
    }

    int next() {
        if (atNul()) {
            pos++;
            return EOF;
        }
        int c = peek();
        if (c == EOF) {
            return EOF;
        }
        pos++;
        if (c == '\n') {
            line++;
            lineStart = pos;
        }
        return c;
    }

    ConfigPosition position() {
        return new ConfigPosition(file, line, pos - lineStart + 1);
    }

    /** A syntax error on the current line (the wrong character, if any, not read yet and not a newline). */
    ConfigException error(String reason) {
        return ConfigException.syntax(line, reason);
    }

    /** A syntax error found at the next character, which nats-server's reader has read when it says so. */
    ConfigException errorAtNext(String reason) {
        return ConfigException.syntax(peek() == '\n' ? line + 1 : line, reason);
    }

    static boolean isNewline(int c) {
        return c == '\n' || c == '\r';
    }

    static boolean isSpaceOrTab(int c) {
        return c == ' ' || c == '\t';
    }

    /** Go's unicode.IsSpace for the characters a configuration file can hold. */
    static boolean isWhitespace(int c) {
        return c != EOF && Character.isWhitespace(c) || c == 0x85 || c == 0xA0;
    }

    boolean atComment() {
        return peek() == '#' || peek() == '/' && peekAt(1) == '/';
    }

    void skipComment() {
        while (!isNewline(peek()) && peek() != EOF) {
            next();
        }
    }

    void skipSpacesAndTabs() {
        while (isSpaceOrTab(peek())) {
            next();
        }
    }

    /** Skips whitespace, newlines and comments; returns the next character, not consumed. */
    int skipBlank() {
        while (true) {
            if (isWhitespace(peek())) {
                next();
            } else if (atComment()) {
                skipComment();
            } else {
                return peek();
            }
        }
    }

    /**
     * A key, quoted or bare; a bare {@code include} followed by whitespace gives an INCLUDE token.
     * nats-server words some errors differently inside a map ({@code inMap}).
     */
    Token key(boolean inMap) {
        ConfigPosition at = position();
        int quote = peek();
        if (quote == '"' || quote == '\'') {
            next();
            at = position(); // nats-server places a quoted key at its first character, after the quote
            StringBuilder key = new StringBuilder();
            while (peek() != quote) {
                if (peek() == EOF) {
                    throw error(!inMap ? "Unexpected EOF."
                            : quote == '"' ? "Unexpected EOF processing double quoted map key."
                            : "Unexpected EOF processing quoted map key.");
                }
                key.append((char) next());
            }
            next();
            return new Token(Kind.KEY, key.toString(), at);
        }
        if (peek() == ':' || peek() == '=') {
            throw error("Unexpected key separator '" + (char) peek() + "'" + (inMap ? "." : ""));
        }
        int start = pos;
        if (inMap && peek() == '/') {
            // nats-server's reader drops a lone '/' starting a map key and keeps the next character, even a blank
            next();
            start = pos;
            at = position();
            next();
        }
        while (peek() != EOF && !isWhitespace(peek()) && peek() != ':' && peek() != '=') {
            next();
        }
        if (inMap && peek() == EOF) {
            throw error("Unexpected EOF processing map key.");
        }
        String key = text.substring(start, pos);
        if (key.equalsIgnoreCase("include") && isWhitespace(peek())) {
            return includePath();
        }
        return new Token(Kind.KEY, key, at);
    }

    /** After a key: blanks (newlines too), then an optional ':' or '='; true when there was one. */
    boolean keySeparator() {
        while (isWhitespace(peek())) {
            next();
        }
        if (peek() == ':' || peek() == '=') {
            next();
            return true;
        }
        return false;
    }

    private Token includePath() {
        skipSpacesAndTabs();
        ConfigPosition at = position();
        int c = peek();
        if (c == '"' || c == '\'') {
            next();
            int start = pos;
            while (peek() != c) {
                if (peek() == EOF) {
                    throw error(c == '"' ? "Unexpected EOF in double quoted include" : "Unexpected EOF in quoted include");
                }
                next();
            }
            String path = text.substring(start, pos);
            next();
            return new Token(Kind.INCLUDE, path, at);
        }
        String problem = switch (c) {
            case '[' -> "start of an array";
            case '{' -> "start of a map";
            case '(' -> "start of a block";
            case '\\' -> "escape sequence";
            case '\n', '\r' -> "new line";
            default -> Character.isDigit(c) || c == '-' ? "start of a number" : null;
        };
        if (problem != null) {
            throw errorAtNext("Expected include value but found " + problem);
        }
        int start = pos;
        while (!isNewline(peek()) && peek() != EOF && peek() != ';' && peek() != '}'
                && !isSpaceOrTab(peek()) && peek() != '\'') {
            next();
        }
        String path = text.substring(start, pos);
        if (peek() == '\'') {
            next();
        }
        return new Token(Kind.INCLUDE, path, at);
    }

    /**
     * Whether the input ends with an opening quote and nothing after it, where a value or key could
     * start. nats-server's reader takes that for a plain end of input, not a string cut short.
     */
    boolean endsWithLoneQuote() {
        return (peek() == '"' || peek() == '\'') && pos + 1 == text.length();
    }

    /** A value: a scalar token, or ARRAY_START / MAP_START with the bracket consumed. */
    Token value() {
        ConfigPosition at = position();
        int c = peek();
        switch (c) {
            case '[':
                next();
                return new Token(Kind.ARRAY_START, "[", at);
            case '{':
                next();
                return new Token(Kind.MAP_START, "{", at);
            case '\'':
                next();
                at = position(); // as a quoted key: nats-server places the string after its quote
                return new Token(Kind.STRING, singleQuoted(), at);
            case '"':
                next();
                at = position();
                return new Token(Kind.STRING, doubleQuoted(), at);
            case '(':
                next();
                return new Token(Kind.STRING, parenthesisBlock(), at);
            case '-':
                next();
                return negativeNumber(at);
            case '.':
                throw error("Floats must start with a digit");
            case '\n', '\r':
                throw errorAtNext("Expected value but found new line");
            case EOF:
                throw error("Unexpected EOF.");
            default:
                if (c >= '0' && c <= '9') {
                    return numberDateOrString(at);
                }
                return bareString(at, pos, new StringBuilder());
        }
    }

    private String singleQuoted() {
        int start = pos;
        while (peek() != '\'') {
            if (peek() == EOF) {
                throw error("Unexpected EOF.");
            }
            next();
        }
        String s = text.substring(start, pos);
        next();
        return s;
    }

    private String doubleQuoted() {
        StringBuilder s = new StringBuilder();
        while (peek() != '"') {
            int c = next();
            if (c == EOF) {
                throw error("Unexpected EOF.");
            }
            if (c == '\\') {
                escape(s);
            } else {
                s.append((char) c);
            }
        }
        next();
        return s.toString();
    }

    private void escape(StringBuilder s) {
        int c = next();
        switch (c) {
            case 't' -> s.append('\t');
            case 'n' -> s.append('\n');
            case 'r' -> s.append('\r');
            case '"' -> s.append('"');
            case '\\' -> s.append('\\');
            case 'x' -> s.append(hexByte());
            default -> throw error("Invalid escape character '" + printable(c) + "'. Only the following "
                    + "escape characters are allowed: \\xXX, \\t, \\n, \\r, \\\", \\\\.");
        }
    }

    private char hexByte() {
        int high = next();
        int low = next();
        if (isNewline(high) || isNewline(low)) {
            throw error("Expected two hexadecimal digits after '\\x', but hit end of line");
        }
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        if (h < 0 || l < 0) {
            // the two characters before where reading stopped: at the end of input, the 'x' too
            throw error("Expected two hexadecimal digits after '\\x', but got '"
                    + text.substring(Math.max(0, pos - 2), pos) + "'");
        }
        return (char) (h * 16 + l);
    }

    /** Text up to a line holding only ')'. */
    private String parenthesisBlock() {
        int start = pos;
        while (true) {
            int c = next();
            if (c == EOF) {
                throw error("Unexpected EOF processing block.");
            }
            if (c == ')' && pos >= 2 && text.charAt(pos - 2) == '\n' && (peek() == '\n' || peek() == EOF)) {
                return text.substring(start, pos - 1);
            }
        }
    }

    /**
     * An unquoted string running to a space, tab, newline, ';', ',', ']', '}' or end of file; a
     * single quote also ends it (and is dropped). {@code soFar} holds text already scanned from
     * {@code start} when a number turned out to be a string.
     */
    private Token bareString(ConfigPosition at, int start, StringBuilder soFar) {
        boolean escaped = false;
        StringBuilder s = soFar.append(text, start, pos);
        while (true) {
            int c = peek();
            if (c == EOF || isNewline(c) || isSpaceOrTab(c) || c == ';' || c == ',' || c == ']' || c == '}') {
                break;
            }
            next();
            if (c == '\'') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                escape(s);
            } else {
                s.append((char) c);
            }
        }
        String value = s.toString();
        if (!escaped && isBooleanWord(value)) {
            return new Token(Kind.BOOLEAN, value, at);
        }
        if (!escaped && value.startsWith("$")) {
            return new Token(Kind.VARIABLE, value.substring(1), at);
        }
        return new Token(Kind.STRING, value, at);
    }

    static boolean isBooleanWord(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "false", "yes", "no", "on", "off" -> true;
            default -> false;
        };
    }

    private static boolean isSizeSuffix(int c) {
        return "kKmMgGtTpPeE".indexOf(c) >= 0 && c != EOF;
    }

    /** Characters that let a number end as a number; anything else makes it an unquoted string. */
    private static boolean endsNumber(int c) {
        return c == EOF || isNewline(c) || isSpaceOrTab(c) || c == '}' || c == ';' || c == ','
                || c >= '0' && c <= '9';
    }

    private void digits() {
        while (peek() >= '0' && peek() <= '9') {
            next();
        }
    }

    private Token numberDateOrString(ConfigPosition at) {
        int start = pos;
        digits();
        int c = peek();
        if (c == '-') {
            if (pos - start != 4) {
                next();
                throw error("All ISO8601 dates must be in full Zulu form.");
            }
            next();
            return datetime(at, start);
        }
        if (c == '.') {
            next();
            return floatOrAddress(at, start);
        }
        if (isSizeSuffix(c)) {
            return sizedInteger(at, start);
        }
        if (endsNumber(c)) {
            return new Token(Kind.INTEGER, text.substring(start, pos), at);
        }
        // nats-server takes the first non-digit into the string, even a ']'.
        next();
        return bareString(at, start, new StringBuilder());
    }

    private Token sizedInteger(ConfigPosition at, int start) {
        next();
        while ("bBiI".indexOf(peek()) >= 0 && peek() != EOF) {
            next();
        }
        if (endsNumber(peek())) {
            return new Token(Kind.INTEGER, text.substring(start, pos), at);
        }
        return bareString(at, start, new StringBuilder());
    }

    private Token negativeNumber(ConfigPosition at) {
        int start = pos - 1;
        int c = peek();
        if (c < '0' || c > '9') {
            next();
            throw error(c == '.' ? "Floats must start with a digit, not '.'."
                    : "Expected a digit but got '" + printable(c) + "'.");
        }
        digits();
        if (peek() == '.') {
            next();
            return floatOrAddress(at, start);
        }
        if (isSizeSuffix(peek())) {
            return sizedInteger(at, start);
        }
        return new Token(Kind.INTEGER, text.substring(start, pos), at);
    }

    /** After "digits.": a float, or an address such as 127.0.0.1:4222 when a second '.' follows. */
    private Token floatOrAddress(ConfigPosition at, int start) {
        int c = next();
        if (c < '0' || c > '9') {
            throw error("Floats must have a digit after the '.', but got '" + printable(c) + "' instead.");
        }
        digits();
        if (peek() != '.') {
            return new Token(Kind.FLOAT, text.substring(start, pos), at);
        }
        while (peek() >= '0' && peek() <= '9' || peek() == '.' || peek() == ':' || peek() == '-') {
            next();
        }
        return new Token(Kind.STRING, text.substring(start, pos), at);
    }

    /** After "YYYY-": the rest of 2006-01-02T15:04:05Z, Zulu only. */
    private Token datetime(ConfigPosition at, int start) {
        String shape = "00-00T00:00:00Z";
        for (int i = 0; i < shape.length(); i++) {
            char expected = shape.charAt(i);
            int c = next();
            if (expected == '0' && (c < '0' || c > '9')) {
                throw error("Expected digit in ISO8601 datetime, but found '" + printable(c) + "' instead.");
            }
            if (expected != '0' && c != expected) {
                throw error("Expected '" + expected + "' in ISO8601 datetime, but found '" + printable(c) + "' instead.");
            }
        }
        return new Token(Kind.DATETIME, text.substring(start, pos), at);
    }

    /** A character as nats-server quotes it in its errors: the end of input is its NUL rune, printed as is. */
    static String printable(int c) {
        if (c == EOF) {
            return "\0";
        }
        return c == '\n' ? "\\n" : String.valueOf((char) c);
    }
}
