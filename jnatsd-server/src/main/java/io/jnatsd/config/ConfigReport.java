package io.jnatsd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What loading a configuration found, kept apart by weight: errors make the file unusable,
 * warnings are nats-server's configuration warnings (the server starts, {@code -t} fails), and
 * notices tell about options jnatsd accepts but ignores because ignoring them opens nothing
 * ({@link UnsupportedOptions}; they do not fail {@code -t}, as nats-server accepts them).
 */
final class ConfigReport {
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    void error(ConfigPosition at, String reason) {
        errors.add(at + ": " + reason);
    }

    void error(ConfigException e) {
        errors.addAll(e.errors());
    }

    void error(String message) {
        errors.add(message);
    }

    void warning(ConfigPosition at, String reason) {
        warning(at + ": " + reason);
    }

    void warning(String message) {
        warnings.add(message);
    }

    /** nats-server's wording for a field that works but should be written differently. */
    void fieldWarning(ConfigPosition at, String field, String reason) {
        warning(at, "invalid use of field \"" + field + "\": " + reason);
    }

    void notice(ConfigPosition at, String reason) {
        notices.add(at + ": " + reason);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    List<String> notices() {
        return List.copyOf(notices);
    }
}
