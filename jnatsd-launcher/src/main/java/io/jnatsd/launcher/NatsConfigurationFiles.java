package io.jnatsd.launcher;

import io.jnatsd.config.ConfigCheck;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.StartupChecks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** nats-server configuration files through the server library's parser ({@code io.jnatsd.config}). */
final class NatsConfigurationFiles implements ConfigurationFiles {
    private static final Logger LOG = LoggerFactory.getLogger(NatsConfigurationFiles.class);
    private final PrintStream warnings;

    /** {@code warnings} takes the configuration warnings, bare lines as nats-server prints them on stderr. */
    NatsConfigurationFiles(PrintStream warnings) {
        this.warnings = warnings;
    }

    @Override
    public ServerOptions load(Path file) throws LaunchException {
        ConfigLoader.Result result = ConfigLoader.read(file, System.getenv());
        if (!result.valid()) {
            throw LaunchException.of(result.report());
        }
        result.warnings().forEach(warnings::println);
        result.notices().forEach(LOG::info);
        List<String> problems = StartupChecks.problems(result.options());
        if (!problems.isEmpty()) {
            throw LaunchException.of(String.join("\n", problems));
        }
        return result.options();
    }

    @Override
    public void check(Path file) throws LaunchException {
        ConfigCheck.Result result = ConfigCheck.check(file);
        if (!result.valid()) {
            throw LaunchException.of(result.report());
        }
    }
}
