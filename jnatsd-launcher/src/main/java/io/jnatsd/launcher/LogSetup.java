package io.jnatsd.launcher;

import io.jnatsd.config.ServerOptions;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logging as nats-server does it: one destination, chosen as nats-server chooses it (the
 * {@code -l} file, rotated by {@code logfile_size_limit}, see {@link LogFile}; else
 * {@code remote_syslog}; else {@code syslog}; else stderr), at the level {@code -D}/{@code -V}
 * ask for. Applied to {@link NatsLogging}'s output, the binding {@link Main} chooses, so that
 * the jar behaves the same whatever else is on the class path, and so the options decide.
 */
final class LogSetup {
    private final LogOutput output;
    private String logFile;

    private LogSetup(LogOutput output, String logFile) {
        this.output = output;
        this.logFile = logFile;
    }

    /**
     * Replaces the default (INFO to stderr) with the logging the options ask for; a file or
     * syslog that cannot be opened stops the start with nats-server's line.
     */
    static LogSetup configure(ServerOptions options) throws LaunchException {
        LogOutput output = NatsLogging.output();
        try {
            apply(output, options);
        } catch (LogUnavailable e) {
            throw LaunchException.fatal(e.getMessage());
        }
        return new LogSetup(output, options.logFile());
    }

    private static void apply(LogOutput output, ServerOptions options) throws LogUnavailable {
        Level threshold = options.trace() ? Level.TRACE : options.debug() ? Level.DEBUG : Level.INFO;
        boolean dropDebug = options.trace() && !options.debug();
        LogDestination destination = destination(options);
        output.configure(threshold, dropDebug, destination != null ? destination
                : new StandardErrorLog(System.err, options.logtime()));
        if (destination == null) {
            LoggerFactory.getLogger(LogSetup.class).warn("The local syslog takes datagrams only, which Java cannot"
                    + " send: logging to stderr");
        }
    }

    /** Null for a local syslog that jnatsd cannot write to. */
    private static LogDestination destination(ServerOptions options) throws LogUnavailable {
        if (options.logFile() != null && !options.logFile().isEmpty()) {
            try {
                return LogFile.open(options.logFile(), options.logSizeLimit(), options.logMaxFiles(), options.logtime());
            } catch (IOException e) {
                throw new LogUnavailable("error opening file: open " + options.logFile() + ": " + reason(e));
            }
        }
        if (options.remoteSyslog() != null && !options.remoteSyslog().isEmpty()) {
            return Syslog.remote(options.remoteSyslog());
        }
        if (options.syslog()) {
            return Syslog.local();
        }
        return new StandardErrorLog(System.err, options.logtime());
    }

    /** Go's words for why a file did not open. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * A reload changed {@code debug}, {@code trace}, {@code logtime}, {@code log_file} or syslog:
     * from the next line on the log follows them, as nats-server's does. Connections read the
     * trace switch from the logger once per read batch, so tracing starts and stops with it. A
     * destination that cannot be opened leaves the output as it was (nats-server would exit).
     */
    synchronized void reconfigure(ServerOptions options) {
        try {
            apply(output, options);
            logFile = options.logFile();
        } catch (LogUnavailable e) {
            LoggerFactory.getLogger(LogSetup.class).error("Error reconfiguring the log: {}", e.getMessage());
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
