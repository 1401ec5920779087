package io.jnatsd.config;

/**
 * What may follow a value in each context of a configuration file, and nats-server's message when
 * something else does: after a top-level entry, after an entry inside top-level braces (a
 * "level"), where such a level's '}' is due, after a map entry, after an array element. The
 * {@link ConfigParser} builds the tree; this class only consumes terminators from the
 * {@link ConfigLexer}.
 */
final class ConfigTerminators {
    /** The parser's state at the top level of a file. */
    enum TopState { TOP, LEVEL_START, LEVEL_VALUE_END, LEVEL_END }

    private final ConfigLexer lexer;

    ConfigTerminators(ConfigLexer lexer) {
        this.lexer = lexer;
    }

    /** After an entry inside top-level braces: LEVEL_START for the next entry, LEVEL_END at a '}'. */
    TopState afterLevelEntry() {
        while (true) {
            int c = lexer.peek();
            if (lexer.atComment()) {
                lexer.skipComment();
            } else if (ConfigLexer.isSpaceOrTab(c) || c == '/') {
                lexer.next();
            } else if (ConfigLexer.isNewline(c) || c == ';' || c == ',') {
                lexer.next();
                return TopState.LEVEL_START;
            } else if (c == '}') {
                return TopState.LEVEL_END;
            } else {
                throw lexer.error("Expected a block-level value to end with a new line, comment or EOF, but got '"
                        + ConfigLexer.printable(c) + "' instead.");
            }
        }
    }

    /** Where a level's '}' is due: TOP once it is consumed, LEVEL_START after a comment, ';' or ','. */
    TopState levelEnd() {
        while (true) {
            int c = lexer.peek();
            if (lexer.atComment()) {
                lexer.skipComment();
                return TopState.LEVEL_START;
            } else if (ConfigLexer.isSpaceOrTab(c) || ConfigLexer.isNewline(c) || c == '/') {
                lexer.next();
            } else if (c == ';' || c == ',') {
                lexer.next();
                return TopState.LEVEL_START;
            } else if (c == '}') {
                lexer.next();
                return TopState.TOP;
            } else {
                throw lexer.error("Expected a block-level to end with a '}', but got '" + ConfigLexer.printable(c) + "' instead.");
            }
        }
    }

    /**
     * Between a map key and its value: blanks; a terminator here is an error. True when the map's
     * '}' comes instead of a value, which nats-server's reader lets pass (the key gets none).
     */
    boolean beforeMapValue() {
        while (ConfigLexer.isWhitespace(lexer.peek())) {
            lexer.next();
        }
        if (lexer.peek() == ',') {
            throw lexer.error("Unexpected map value terminator \",\".");
        }
        if (lexer.peek() == ConfigLexer.EOF) {
            // nats-server's reader takes the end for an empty value and then misses the map's end
            throw lexer.error("Expected a map value terminator \",\" or a map terminator \"}\", but got '"
                    + ConfigLexer.printable(ConfigLexer.EOF) + "' instead.");
        }
        return lexer.peek() == '}';
    }

    /** After a top-level entry: blanks up to a new line, ';', ',', '}', a comment or EOF. */
    void afterTopEntry() {
        while (true) {
            int c = lexer.peek();
            if (ConfigLexer.isSpaceOrTab(c)) {
                lexer.next();
            } else if (lexer.atComment()) {
                lexer.skipComment();
                return;
            } else if (c == '/') {
                lexer.next(); // nats-server treats a lone '/' here like a space
            } else if (c == ConfigLexer.EOF) {
                lexer.next(); // a NUL ends the entry, and reading goes on after it
                return;
            } else if (ConfigLexer.isNewline(c) || c == ';' || c == ',' || c == '}') {
                lexer.next();
                return;
            } else {
                throw lexer.error("Expected a top-level value to end with a new line, comment or EOF, but got '"
                        + ConfigLexer.printable(c) + "' instead.");
            }
        }
    }

    /** Consumes what follows a block entry; true when it was the closing brace. */
    boolean afterMapEntry() {
        while (true) {
            int c = lexer.peek();
            if (ConfigLexer.isSpaceOrTab(c)) {
                lexer.next();
            } else if (lexer.atComment()) {
                lexer.skipComment();
            } else if (ConfigLexer.isNewline(c) || c == ';' || c == ',' || c == '/') {
                // nats-server's reader ends the entry at a lone '/' as at a ','
                lexer.next();
                return false;
            } else if (c == '}') {
                lexer.next();
                return true;
            } else {
                throw lexer.error("Expected a map value terminator \",\" or a map terminator \"}\", but got '"
                        + ConfigLexer.printable(c) + "' instead.");
            }
        }
    }

    /** Consumes what follows an array element; true when it was the closing bracket. */
    boolean afterArrayElement() {
        while (true) {
            int c = lexer.peek();
            if (ConfigLexer.isSpaceOrTab(c)) {
                lexer.next();
            } else if (lexer.atComment()) {
                lexer.skipComment();
            } else if (ConfigLexer.isNewline(c) || c == ',' || c == '/') {
                // nats-server's reader ends the element at a lone '/' as at a ','
                lexer.next();
                return false;
            } else if (c == ']') {
                lexer.next();
                return true;
            } else {
                throw lexer.error("Expected an array value terminator \",\" or an array terminator \"]\", but got '"
                        + ConfigLexer.printable(c) + "' instead.");
            }
        }
    }
}
