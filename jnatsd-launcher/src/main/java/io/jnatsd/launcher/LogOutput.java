package io.jnatsd.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.event.Level;

/**
 * Where log lines go and which pass: nats-server's logging, one output (stderr, or the
 * {@code -l} file) in {@link NatsLogLayout}'s format. Loggers of the server ({@code io.jnatsd})
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
    private NatsLogLayout layout = new NatsLogLayout(true);
    private PrintStream stderr = System.err;
    private LogFile file;

    /**
     * Applies the options: where to write (stderr when {@code logFile} is null), in which format,
     * when the file rotates, and what passes. A file already past its size limit is rotated
     * at once, with nats-server's line.
     */
    synchronized void configure(Level serverThreshold, boolean dropDebug, boolean logtime, String logFile,
            long sizeLimit, int maxFiles) throws IOException {
        NatsLogLayout newLayout = new NatsLogLayout(logtime);
        LogFile opened = logFile == null ? null : LogFile.open(logFile, sizeLimit, maxFiles, newLayout);
        closeFile();
        this.file = opened;
        this.layout = newLayout;
        this.serverThreshold = serverThreshold;
        this.dropDebug = dropDebug;
        if (opened != null && opened.pastLimit()) {
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
            byte[] line = layout.format(now, level, fatal, message, throwable).getBytes(StandardCharsets.UTF_8);
            try {
                if (file != null) {
                    file.write(line);
                } else {
                    stderr.write(line);
                    stderr.flush();
                }
            } catch (IOException e) {
                // The log is where failures are reported: nowhere left to say it.
            }
        }
    }

    synchronized boolean logsToFile() {
        return file != null;
    }

    /** Opens the log file by its name again; the previous stream is flushed and closed. */
    synchronized void reopen() throws IOException {
        if (file != null) {
            file.reopen();
        }
    }

    /** Flushes and closes the output; later lines are dropped. Called last, before the process exits. */
    synchronized void stop() {
        closeFile();
        file = null;
        stderr = new PrintStream(OutputStream.nullOutputStream());
    }

    private void closeFile() {
        // stderr is flushed after every line, and not ours to close
        if (file != null) {
            file.close();
        }
    }
}
