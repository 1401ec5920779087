package io.jnatsd.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import org.slf4j.event.Level;

/**
 * Where log lines go and which pass: nats-server's logging, one {@link LogDestination} (stderr,
 * the {@code -l} file, or syslog). Loggers of the server ({@code io.jnatsd})
 * follow {@code -D}/{@code -V}, every other logger (Netty) shows INFO and above. Until
 * {@link LogSetup} has applied the flags, INFO and above go to stderr.
 *
 * <p>{@code -V} without {@code -D} shows trace lines but no debug lines in nats-server, which a
 * threshold cannot say: {@code dropDebug} does.
 *
 * <p>Every line is written and flushed whole under this object's monitor; the file is rotated
 * ({@link LogFile}) and swapped (SIGUSR1, a reload) under the same monitor, so no line is lost
 * or written twice.
 */
final class LogOutput {
    private static final String SERVER_LOGGERS = "io.jnatsd";

    private volatile Level serverThreshold = Level.INFO;
    private volatile boolean dropDebug;
    private volatile ThreadGroup muted;
    private LogDestination destination = new StandardErrorLog(System.err, true);

    /**
     * Applies the options: where to write and what passes. A file already past its size limit
     * is rotated at once, with nats-server's line.
     */
    synchronized void configure(Level serverThreshold, boolean dropDebug, LogDestination to) {
        destination.close();
        this.destination = to;
        this.serverThreshold = serverThreshold;
        this.dropDebug = dropDebug;
        if (to instanceof LogFile file && file.pastLimit()) {
            write(Level.INFO, false, "Rotating logfile...", null);
        }
    }

    boolean enabled(String logger, Level level) {
        boolean server = logger.startsWith(SERVER_LOGGERS);
        if (server && dropDebug && level == Level.DEBUG) {
            return false;
        }
        Level threshold = server ? serverThreshold : Level.INFO;
        return level.toInt() >= threshold.toInt() && !mutedThread();
    }

    /**
     * Drops every line logged by a thread of {@code group} from now on, whatever its level: the
     * threads of the warm-up's own server ({@link MessagePathWarmUp}), which is not the server
     * the log is about.
     */
    void mute(ThreadGroup group) {
        muted = group;
    }

    private boolean mutedThread() {
        ThreadGroup group = muted;
        return group != null && Thread.currentThread().getThreadGroup() == group;
    }

    void write(Level level, boolean fatal, String message, Throwable throwable) {
        Instant now = Instant.now();
        synchronized (this) {
            try {
                destination.write(now, level, fatal, message, throwable);
            } catch (IOException e) {
                // The log is where failures are reported: nowhere left to say it.
            }
        }
    }

    synchronized boolean logsToFile() {
        return destination instanceof LogFile;
    }

    /** Opens the log file by its name again; the previous stream is flushed and closed. */
    synchronized void reopen() throws IOException {
        if (destination instanceof LogFile file) {
            file.reopen();
        }
    }

    /** Flushes and closes the output; later lines are dropped. Called last, before the process exits. */
    synchronized void stop() {
        destination.close();
        destination = new StandardErrorLog(new PrintStream(OutputStream.nullOutputStream()), false);
    }
}
