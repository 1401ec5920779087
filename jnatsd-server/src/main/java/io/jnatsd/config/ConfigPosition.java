package io.jnatsd.config;

/**
 * Where a configuration value or key starts: file as given or as joined for includes, 1-based line
 * and 1-based column.
 *
 * <p>{@link #toString()} renders {@code file:line:col} the way nats-server prints it, which counts
 * columns from 0 on the first line of a file and from 1 on the others (its lexer measures from the
 * preceding newline). Keeping that quirk lets scripts and people compare messages of both servers.
 */
public record ConfigPosition(String file, int line, int column) {

    public int natsServerColumn() {
        return line == 1 ? column - 1 : column;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + natsServerColumn();
    }
}
