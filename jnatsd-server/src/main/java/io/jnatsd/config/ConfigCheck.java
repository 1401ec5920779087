package io.jnatsd.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The configuration test behind the launcher's {@code -t}, with nats-server's verdicts: a file is
 * valid when it parses, every option is known and well typed, and there is no configuration
 * warning (integer durations, cluster ping interval above 30 s, deprecated fields); nats-server's
 * {@code -t} fails on warnings too. Notices about accepted-but-unsupported options do not count.
 *
 * <p>Launcher use:
 * <pre>
 * ConfigCheck.Result r = ConfigCheck.check(file);
 * if (r.valid()) { print("jnatsd: configuration file " + file + " is valid"); exit(0); }
 * else { print("jnatsd: " + r.report()); exit(1); }
 * </pre>
 * {@link Result#problems()} lists warnings first, then errors, each {@code file:line:col: message},
 * in the order nats-server prints them.
 */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    public record Result(boolean valid, List<String> errors, List<String> warnings, List<String> notices,
                         boolean parsed) {
        /** Warnings then errors, the lines {@code -t} prints when the file is not valid. */
        public List<String> problems() {
            return java.util.stream.Stream.concat(warnings.stream(), errors.stream()).toList();
        }

        /** The problems as {@code -t} prints them after its name ({@link ConfigException#report(List, boolean)}). */
        public String report() {
            return ConfigException.report(problems(), parsed);
        }
    }

    public static Result check(Path file) {
        return check(file, System.getenv());
    }

    /** As {@link #check(Path)}, with the environment {@code $VARIABLES} fall back to. */
    public static Result check(Path file, Map<String, String> environment) {
        ConfigLoader.Result loaded = ConfigLoader.read(file, environment);
        boolean valid = loaded.errors().isEmpty() && loaded.warnings().isEmpty();
        return new Result(valid, loaded.errors(), loaded.warnings(), loaded.notices(), loaded.parsed());
    }
}
