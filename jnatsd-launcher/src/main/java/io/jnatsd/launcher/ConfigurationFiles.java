package io.jnatsd.launcher;

import io.jnatsd.config.ServerOptions;
import java.nio.file.Path;

/**
 * The launcher's one door to configuration files, behind {@code -c}, {@code -t} and a reload
 * on SIGHUP; {@link NatsConfigurationFiles} is the real one, tests substitute their own.
 */
interface ConfigurationFiles {

    /** Reads the file into options; command-line flags are laid over them afterwards. */
    ServerOptions load(Path file) throws LaunchException;

    /** Checks the file as {@code -t} does; throws with every problem found (file:line:col: text). */
    void check(Path file) throws LaunchException;
}
