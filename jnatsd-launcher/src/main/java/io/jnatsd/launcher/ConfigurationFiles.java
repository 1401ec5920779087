package io.jnatsd.launcher;

import io.jnatsd.config.ServerOptions;
import java.nio.file.Path;

/**
 * The launcher's one door to configuration files, behind {@code -c}, {@code -t} and a reload
 * on SIGHUP. Until the configuration parser is wired in, {@link #NOT_SUPPORTED} answers every
 * call with the same clear error.
 */
interface ConfigurationFiles {

    /** Reads the file into options; command-line flags are laid over them afterwards. */
    ServerOptions load(Path file) throws LaunchException;

    /** Checks the file as {@code -t} does; throws with every problem found (file:line:col: text). */
    void check(Path file) throws LaunchException;

    ConfigurationFiles NOT_SUPPORTED = new ConfigurationFiles() {
        @Override
        public ServerOptions load(Path file) throws LaunchException {
            throw LaunchException.of("configuration files are not supported yet");
        }

        @Override
        public void check(Path file) throws LaunchException {
            throw LaunchException.of("configuration files are not supported yet");
        }
    };
}
