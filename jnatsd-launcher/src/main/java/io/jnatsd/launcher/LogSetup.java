package io.jnatsd.launcher;

import io.jnatsd.config.ServerOptions;
import java.io.IOException;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logging as nats-server does it: one output, to stderr or to the {@code -l} file (rotated by
 * {@code logfile_size_limit}, see {@link LogFile}), in {@link NatsLogLayout}'s format, at the
 * level {@code -D}/{@code -V} ask for. Applied to
 * {@link NatsLogging}'s output, the binding {@link Main} chooses, so that the jar behaves the
 * same whatever else is on the class path, and so the flags decide.
 */
final class LogSetup {
    private final LogOutput output;
    private String logFile;

    private LogSetup(LogOutput output, String logFile) {
        this.output = output;
        this.logFile = logFile;
    }

    /** Replaces the default (INFO to stderr) with the logging the options ask for. */
    static LogSetup configure(ServerOptions options) throws LaunchException {
        LogOutput output = NatsLogging.output();
        try {
            apply(output, options);
        } catch (IOException e) {
            throw LaunchException.of("error opening log file " + options.logFile());
        }
        return new LogSetup(output, options.logFile());
    }

    private static void apply(LogOutput output, ServerOptions options) throws IOException {
        Level threshold = options.trace() ? Level.TRACE : options.debug() ? Level.DEBUG : Level.INFO;
        boolean dropDebug = options.trace() && !options.debug();
        output.configure(threshold, dropDebug, options.logtime(), options.logFile(), options.logSizeLimit(),
                options.logMaxFiles());
    }

    /**
     * A reload changed {@code debug}, {@code trace}, {@code logtime} or {@code log_file}: from the
     * next line on the log follows them, as nats-server's does. Connections read the trace switch
     * from the logger once per read batch, so tracing starts and stops with it. A log file that
     * cannot be opened leaves the output as it was (nats-server would exit).
     */
    synchronized void reconfigure(ServerOptions options) {
        try {
            apply(output, options);
            logFile = options.logFile();
        } catch (IOException e) {
            LoggerFactory.getLogger(LogSetup.class).error("Error opening log file {}: {}", options.logFile(),
                    e.getMessage());
        }
    }

    boolean logsToFile() {
        return output.logsToFile();
    }

    /** Opens the log file again (SIGUSR1, after a rotation moved it away). */
    synchronized void reopen() {
        org.slf4j.Logger log = LoggerFactory.getLogger(LogSetup.class);
        if (!output.logsToFile()) {
            log.info("File log re-open ignored, not a file logger");
            return;
        }
        try {
            output.reopen();
            log.info("File log re-opened");
        } catch (IOException e) {
            log.error("Error re-opening log file {}: {}", logFile, e.getMessage());
        }
    }

    /** Flushes and closes the output; called last, before the process exits. */
    void stop() {
        output.stop();
    }
}
