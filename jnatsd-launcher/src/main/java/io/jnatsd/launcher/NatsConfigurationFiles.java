package io.jnatsd.launcher;

import io.jnatsd.config.ConfigCheck;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.StartupChecks;
import java.nio.file.Path;
import java.util.List;

/** nats-server configuration files through the server library's parser ({@code io.jnatsd.config}). */
final class NatsConfigurationFiles implements ConfigurationFiles {

    @Override
    public ServerOptions load(Path file) throws LaunchException {
        try {
            ServerOptions options = ConfigLoader.load(file);
            List<String> problems = StartupChecks.problems(options);
            if (!problems.isEmpty()) {
                throw LaunchException.of(String.join("\n", problems));
            }
            return options;
        } catch (ConfigException e) {
            throw LaunchException.of(e.getMessage());
        }
    }

    @Override
    public void check(Path file) throws LaunchException {
        ConfigCheck.Result result = ConfigCheck.check(file);
        if (!result.valid()) {
            throw LaunchException.of(String.join("\n", result.problems()));
        }
    }
}
