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

    public ConfigException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
