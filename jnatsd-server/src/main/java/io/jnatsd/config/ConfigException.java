package io.jnatsd.config;

import java.util.List;

/**
 * A configuration that cannot be used. {@link #errors()} holds every problem found, each in
 * nats-server's form {@code file:line:col: message}; {@link #getMessage()} joins them by newlines.
 */
public final class ConfigException extends RuntimeException {
    private final List<String> errors;

    public ConfigException(ConfigPosition position, String reason) {
        this(List.of(position + ": " + reason));
    }

    /**
     * A file that does not read as a configuration at all, worded as nats-server words its
     * reader's errors: the line only (as its reader counts lines), and the reason in quotes.
     */
    static ConfigException syntax(int line, String reason) {
        return new ConfigException(List.of("Parse error on line " + line + ": '" + reason + "'"));
    }

    public ConfigException(List<String> errors) {
        this(errors, String.join("\n", errors));
    }

    /** Every problem found, with the text nats-server prints for them ({@link #report(List, boolean)}). */
    ConfigException(List<String> errors, String report) {
        super(report);
        this.errors = List.copyOf(errors);
    }

    /**
     * The problems as nats-server prints them after its name, one a line. Those found while applying
     * the options of a file that parsed get one more newline: nats-server ends each of them with one
     * before its own line end, so an empty line follows them (syntax, variable and include problems
     * come without it).
     */
    static String report(List<String> problems, boolean parsed) {
        return String.join("\n", problems) + (parsed ? "\n" : "");
    }

    public List<String> errors() {
        return errors;
    }
}
