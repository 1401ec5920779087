package io.jnatsd.config;

import io.jnatsd.config.ConfigLexer.Kind;
import io.jnatsd.config.ConfigLexer.Token;
import io.jnatsd.config.ConfigTerminators.TopState;
import io.jnatsd.config.ConfigValue.ArrayValue;
import io.jnatsd.config.ConfigValue.BooleanValue;
import io.jnatsd.config.ConfigValue.DatetimeValue;
import io.jnatsd.config.ConfigValue.FloatValue;
import io.jnatsd.config.ConfigValue.IntegerValue;
import io.jnatsd.config.ConfigValue.StringValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a nats-server configuration file into a tree of {@link ConfigValue}s. Hand-written,
 * matching nats-server 2.10's reader including its quirks (checked against the real binary).
 *
 * <pre>
 * file       = { blank | entry top-end | "{" level } EOF
 * level      = { blank | "{" level level-end | entry level-end } ( "}" | EOF )   (braces at the top level: entries
 *              as at the top; a nested level must be followed by blanks, ";" or "," up to its "}")
 * level-end  = { ws } ( nl | ";" | "," | comment ) | "}"                (EOF here is an error)
 * entry      = include | key { ws | nl } [ ":" | "=" ] value
 *              (top level: a separator right before EOF gives the value ""; a key alone before EOF is an
 *              error, except "}", which nats-server drops: so a file may end with one stray "}" but not two)
 * include    = "include" ws+ ( '"' chars '"' | "'" chars "'" | bare-path )  (case-insensitive keyword;
 *              the path is relative to the including file's directory; its entries merge into this block)
 * key        = '"' chars '"' | "'" chars "'" | bare-key                     (bare-key: up to whitespace, ':' or '=')
 * top-end    = { ws } ( nl | ";" | "," | "}" | comment | EOF )
 * value      = map | array | dq-string | sq-string | paren-block | number | datetime | bare-string
 *              (at top level a newline may not separate ':'/'=' from the value; inside blocks it may)
 * map        = "{" { blank } [ entry map-end { blank entry map-end } ] "}"
 *              (a key right before the "}" gets no value: see {@link #valueless})
 * map-end    = { ws } ( nl | ";" | "," | comment ) | "}"
 * array      = "[" { blank } [ value array-end { blank value array-end } ] "]"
 * array-end  = { ws } ( nl | "," | comment ) | "]"
 * dq-string  = '"' { char | escape } '"'       escape = \t \n \r \" \\ \xHH
 * sq-string  = "'" { char } "'"                 (raw)
 * paren-block= "(" text nl ")" (nl | EOF)      (raw text up to a line holding only ')')
 * number     = [ "-" ] digits [ "." digits ] [ size-suffix ]   size-suffix = (k|m|g|t|p|e)(b|i)* any case:
 *              k=1000, kb/ki/kib=1024, m=10^6, mb/mi/mib=2^20, ... e=10^18, eb=2^60
 *              digits "." digits "." ...  is an address string (127.0.0.1:4222);
 *              a positive number followed by anything but ws, nl, ";", ",", "}" or a digit is a
 *              bare string instead ("10ms", "12abc", and "50]" - nats-server swallows that bracket too)
 * datetime   = YYYY "-" MM "-" DD "T" hh ":" mm ":" ss "Z"
 * bare-string= chars up to ws, nl, ";", ",", "]", "}" or "'" ('#' inside is kept, escapes apply);
 *              true/false/yes/no/on/off (any case) is a boolean, "$name" a variable reference
 * blank      = ws | nl | comment        comment = ( "#" | "//" ) to end of line       ws = space | tab
 *
 * end of input: also an opening quote as the last character, where a key or value starts; and a NUL
 *              character reads as the end wherever it stands (nats-server's reader uses that rune as
 *              its end mark), though after a value it only ends the entry and the file reads on
 * </pre>
 *
 * <p>Variables: {@code $name} takes the value of an earlier key {@code name} (exact case) of the
 * enclosing blocks, innermost first, then of the environment variable {@code name}, whose text is
 * itself parsed as a value ({@code 2MB} is a size). A reference marks the key as used so the loader
 * does not report it as an unknown field. {@code $2a$...} is a bcrypt hash, not a reference.
 * Included files do not see the including file's variables. A repeated key replaces the earlier one.
 *
 * <p>Depth: maps and arrays may nest {@value #MAX_NESTING} levels deep, counted across included files
 * and environment values; deeper input is a clean error instead of a {@link StackOverflowError}
 * (nats-server parses deeper, but no option of it takes such a value, so its verdict is "invalid"
 * too). Braces at the top level are counted, not recursed into, so they may nest without bound.
 * Includes: a cycle is an error (nats-server hangs on one), and so is a tree of includes that
 * names more than {@value #MAX_INCLUDED_FILES} files (files including one another twice, twenty
 * levels deep, would otherwise be read a million times).
 */
public final class ConfigParser {
    private static final int MAX_INCLUDE_DEPTH = 32;
    static final int MAX_INCLUDED_FILES = 1000;
    static final int MAX_NESTING = 256;

    private final ConfigLexer lexer;
    private final ConfigTerminators terminators;
    private final Path directory;
    private final Map<String, String> environment;
    private final Set<Path> includeChain;
    private final Deque<ConfigMap> scopes = new ArrayDeque<>();
    /**
     * Keys followed by their map's '}' instead of a value, latest last. nats-server's parser keeps
     * one stack of keys and gives each finished value to the key on top: a key left without a value
     * takes the value of the map or array it stands in, and the key that opened that one waits for
     * the next. Kept so a file such as {@code a { b }} reads as nats-server reads it ({@code b: {}}).
     */
    private final List<Token> valueless = new ArrayList<>();
    private final String file;
    private final Budget budget;

    /**
     * Shared by every parser of one file and its includes (they run nested on one thread): maps and
     * arrays open now, and files included so far, which bounds a tree of includes that repeat each
     * other without a cycle.
     */
    private static final class Budget {
        int nesting;
        int includedFiles;
    }

    private ConfigParser(String file, String text, Path directory, Map<String, String> environment,
                         Set<Path> includeChain, Budget budget) {
        this.file = file;
        this.budget = budget;
        this.lexer = new ConfigLexer(file, text);
        this.terminators = new ConfigTerminators(lexer);
        this.directory = directory;
        this.environment = environment;
        this.includeChain = includeChain;
    }

    /** Parses a file; includes are resolved against its directory, variables fall back to {@code environment}. */
    public static ConfigMap parseFile(Path path, Map<String, String> environment) {
        String text;
        try {
            text = read(path);
        } catch (IOException e) {
            throw new ConfigException(List.of("error opening config file: " + describe(path, e)));
        }
        Set<Path> chain = new HashSet<>();
        chain.add(identity(path));
        return new ConfigParser(path.toString(), text, directoryOf(path), environment, chain, new Budget()).parseTop();
    }

    /** Parses text that has no file; includes are resolved against the working directory. */
    public static ConfigMap parseText(String name, String text, Map<String, String> environment) {
        return new ConfigParser(name, text, null, environment, new HashSet<>(), new Budget()).parseTop();
    }

    /** UTF-8 text; bytes that are not UTF-8 become U+FFFD, as Go reads them, instead of failing the file. */
    private static String read(Path path) throws IOException {
        return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    }

    /** The file behind a path, links resolved where it exists, so a cycle is found whatever path names it. */
    private static Path identity(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        try {
            return normalized.toRealPath();
        } catch (IOException missing) {
            return normalized;
        }
    }

    private static Path directoryOf(Path path) {
        Path parent = path.getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static String describe(Path path, IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such file or directory" : String.valueOf(e.getMessage());
        return "open " + path + ": " + reason;
    }

    /**
     * The top level as nats-server's lexer walks it: a state machine, so braces around entries nest
     * without recursion. {@code openLevels} counts the '{' levels still open.
     */
    private ConfigMap parseTop() {
        ConfigMap top = new ConfigMap(new ConfigPosition(file, 1, 1));
        try {
            return parseTop(top);
        } catch (InputEnded ended) {
            return top; // what was complete stays; the unfinished value is dropped, as nats-server drops it
        }
    }

    /**
     * The input ended inside an array, at a lone opening quote: nats-server's reader sees a plain
     * end of input there and its parser keeps what it had finished.
     */
    private static final class InputEnded extends RuntimeException {
        InputEnded() {
            super(null, null, false, false);
        }
    }

    private ConfigMap parseTop(ConfigMap top) {
        scopes.push(top);
        int openLevels = 0;
        TopState state = TopState.TOP;
        while (true) {
            switch (state) {
                case TOP, LEVEL_START -> {
                    int c = lexer.skipBlank();
                    if (c == ConfigLexer.EOF && lexer.atNul()) {
                        throw lexer.error("Unexpected EOF."); // where nothing may end the input early
                    }
                    if (c == ConfigLexer.EOF) {
                        return top;
                    }
                    if (lexer.endsWithLoneQuote()) {
                        return top;
                    }
                    if (c == '/') {
                        lexer.next();
                        throw lexer.error("Unexpected EOF."); // a lone '/' where an entry could start
                    }
                    if (c == '{') {
                        lexer.next();
                        openLevels++;
                    } else if (c == '}' && state == TopState.LEVEL_START) {
                        lexer.next();
                        state = --openLevels == 0 ? TopState.TOP : TopState.LEVEL_END;
                        continue;
                    } else {
                        entry(top, false);
                        if (state == TopState.TOP) {
                            terminators.afterTopEntry();
                        }
                    }
                    state = openLevels == 0 ? TopState.TOP
                            : c == '{' ? TopState.LEVEL_START : TopState.LEVEL_VALUE_END;
                }
                case LEVEL_VALUE_END -> state = terminators.afterLevelEntry();
                case LEVEL_END -> {
                    TopState next = terminators.levelEnd();
                    if (next == TopState.TOP) {
                        state = --openLevels == 0 ? TopState.TOP : TopState.LEVEL_END;
                    } else {
                        state = next;
                    }
                }
            }
        }
    }

    private void entry(ConfigMap map, boolean inBlock) {
        Token key = lexer.key(inBlock);
        if (key.kind() == Kind.INCLUDE) {
            include(map, key);
            return;
        }
        boolean separated = lexer.keySeparator();
        if (inBlock) {
            if (terminators.beforeMapValue()) {
                valueless.add(key);
                return;
            }
        } else {
            lexer.skipSpacesAndTabs();
            if (lexer.peek() == ConfigLexer.EOF) {
                if (separated) {
                    map.put(new ConfigEntry(key.text(), key.position(), new StringValue("", lexer.position())));
                    return;
                }
                if (key.text().equals("}")) {
                    return; // nats-server drops a lone '}' key at the end of the file
                }
                // nats-server's reader reads the key and then the end; its parser names where that is
                throw new ConfigException(List.of("config is invalid (" + lexer.position() + ")"));
            }
        }
        if (lexer.endsWithLoneQuote()) {
            // nats-server's reader ends the input after this key, and its parser names where
            lexer.next();
            throw new ConfigException(List.of("config is invalid (" + lexer.position() + ")"));
        }
        int valuelessBefore = valueless.size();
        ConfigValue value = value(lexer.value());
        Token owner = key;
        if (valueless.size() > valuelessBefore) {
            // a key inside this value got none: nats-server gives this value to that key, and its own key waits
            owner = valueless.remove(valueless.size() - 1);
            valueless.add(valuelessBefore, key);
        }
        map.put(new ConfigEntry(owner.text(), owner.position(), value));
    }

    private ConfigValue value(Token token) {
        ConfigPosition at = token.position();
        return switch (token.kind()) {
            case STRING -> new StringValue(token.text(), at);
            case BOOLEAN -> new BooleanValue(isTrue(token.text()), at);
            case INTEGER -> new IntegerValue(SizeSuffix.parse(token.text(), at), at);
            case FLOAT -> new FloatValue(Double.parseDouble(token.text()), at);
            case DATETIME -> datetime(token);
            case VARIABLE -> variable(token);
            case ARRAY_START, MAP_START -> nested(token.kind(), at);
            case KEY, INCLUDE -> throw new IllegalStateException("not a value: " + token);
        };
    }

    private ConfigValue nested(Kind kind, ConfigPosition at) {
        if (budget.nesting >= MAX_NESTING) {
            throw new ConfigException(at, "Maps and arrays nested more than " + MAX_NESTING + " levels deep are not supported.");
        }
        budget.nesting++;
        try {
            return kind == Kind.ARRAY_START ? array(at) : block(at);
        } finally {
            budget.nesting--;
        }
    }

    private static boolean isTrue(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.equals("true") || w.equals("yes") || w.equals("on");
    }

    private static ConfigValue datetime(Token token) {
        try {
            return new DatetimeValue(Instant.parse(token.text()), token.position());
        } catch (DateTimeParseException e) {
            // worded and placed (nowhere) as nats-server's parser reports it
            throw new ConfigException(List.of("expected Zulu formatted DateTime, but got '" + token.text() + "'"));
        }
    }

    private ConfigMap block(ConfigPosition at) {
        ConfigMap map = new ConfigMap(at);
        scopes.push(map);
        try {
            while (true) {
                int c = lexer.skipBlank();
                if (c == '}') {
                    lexer.next();
                    return map;
                }
                if (c == ConfigLexer.EOF) {
                    throw lexer.error("Unexpected EOF processing map.");
                }
                if (c == ']') {
                    throw lexer.error("Unexpected array end ']' processing map.");
                }
                entry(map, true);
                if (terminators.afterMapEntry()) {
                    return map;
                }
            }
        } finally {
            scopes.pop();
        }
    }

    private ArrayValue array(ConfigPosition at) {
        List<ConfigValue> elements = new ArrayList<>();
        while (true) {
            int c = lexer.skipBlank();
            if (c == ']') {
                lexer.next();
                return new ArrayValue(elements, at);
            }
            if (c == ConfigLexer.EOF) {
                throw lexer.error("Expected an array value terminator \",\" or an array terminator \"]\", but got '"
                        + ConfigLexer.printable(c) + "' instead.");
            }
            if (c == ',' || c == '/' && !lexer.atComment()) {
                // nats-server's reader takes a lone '/' here for a ',' too
                throw lexer.error("Unexpected array value terminator ','.");
            }
            if (lexer.endsWithLoneQuote()) {
                throw new InputEnded();
            }
            ConfigValue element = value(lexer.value());
            // nats-server places a map inside an array just after its closing brace
            elements.add(element instanceof ConfigMap map ? map.movedTo(lexer.position()) : element);
            if (terminators.afterArrayElement()) {
                return new ArrayValue(elements, at);
            }
        }
    }

    private ConfigValue variable(Token token) {
        String name = token.text();
        ConfigPosition at = token.position();
        if (name.startsWith("2a$")) {
            return new StringValue("$" + name, at); // an unquoted bcrypt hash, as nats-server allows
        }
        for (ConfigMap scope : scopes) {
            ConfigEntry entry = scope.entry(name);
            if (entry != null) {
                entry.markUsedAsVariable();
                return entry.value().at(at);
            }
        }
        String fromEnvironment = environment.get(name);
        if (fromEnvironment != null) {
            try {
                ConfigMap parsed = new ConfigParser("$" + name, "pk=" + fromEnvironment, null, Map.of(),
                        new HashSet<>(), budget).parseTop();
                ConfigEntry entry = parsed.entry("pk");
                if (entry != null) {
                    return entry.value().at(at);
                }
            } catch (ConfigException unparsable) {
                throw new ConfigException(List.of("variable reference for '" + name + "' on line " + at.line()
                        + " could not be parsed: " + unparsable.getMessage()));
            }
        }
        // nats-server's parser returns these without the file:line:col its other errors carry
        throw new ConfigException(List.of("variable reference for '" + name + "' on line " + at.line()
                + " can not be found"));
    }

    private void include(ConfigMap into, Token token) {
        Path target;
        try {
            target = (directory == null ? Path.of("") : directory).resolve(token.text()).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(token.position(), "error parsing include file '" + token.text() + "', open "
                    + token.text() + ": invalid argument");
        }
        Path identity = identity(target);
        if (includeChain.contains(identity) || includeChain.size() >= MAX_INCLUDE_DEPTH) {
            throw new ConfigException(token.position(), "error parsing include file '" + token.text()
                    + "', include cycle");
        }
        if (++budget.includedFiles > MAX_INCLUDED_FILES) {
            throw new ConfigException(token.position(), "error parsing include file '" + token.text()
                    + "', more than " + MAX_INCLUDED_FILES + " files included");
        }
        String text;
        try {
            text = read(target);
        } catch (IOException e) {
            // without a position, as nats-server reports it
            throw new ConfigException(List.of("error parsing include file '" + token.text() + "', " + describe(target, e)));
        }
        Set<Path> chain = new HashSet<>(includeChain);
        chain.add(identity);
        ConfigMap included;
        try {
            included = new ConfigParser(target.toString(), text, directoryOf(target), environment, chain, budget)
                    .parseTop();
        } catch (ConfigException e) {
            // nats-server names the included file before whatever went wrong inside it
            throw new ConfigException(List.of("error parsing include file '" + token.text() + "', " + e.getMessage()));
        }
        included.entries().forEach(into::put);
    }
}
