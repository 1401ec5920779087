package io.jnatsd.launcher;

import java.io.FileOutputStream;
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
 * <p>Every line is written and flushed whole under this object's monitor; the file is swapped
 * under the same monitor when it is opened again (SIGUSR1 after a rotation), so no line is lost
 * or written twice.
 */
final class LogOutput {
    private static final String SERVER_LOGGERS = "io.jnatsd";

    private volatile Level serverThreshold = Level.INFO;
    private volatile boolean dropDebug;
    private volatile ThreadGroup muted;
    private NatsLogLayout layout = new NatsLogLayout(true);
    private OutputStream stream = System.err;
    private String file;

    /** Applies the flags: where to write, in which format, and what passes. */
    synchronized void configure(Level serverThreshold, boolean dropDebug, boolean logtime, String logFile)
            throws IOException {
        OutputStream opened = logFile == null ? System.err : new FileOutputStream(logFile, true);
        closeFile();
        this.stream = opened;
        this.file = logFile;
        this.layout = new NatsLogLayout(logtime);
        this.serverThreshold = serverThreshold;
        this.dropDebug = dropDebug;
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
                stream.write(line);
                stream.flush();
            } catch (IOException e) {
                // The log is where failures are reported: nowhere left to say it.
            }
        }
    }

    boolean logsToFile() {
        return file != null;
    }

    /** Opens the log file by its name again; the previous stream is flushed and closed. */
    synchronized void reopen() throws IOException {
        if (file == null) {
            return;
        }
        OutputStream opened = new FileOutputStream(file, true);
        closeFile();
        stream = opened;
    }

    /** Flushes and closes the output; later lines are dropped. Called last, before the process exits. */
    synchronized void stop() {
        closeFile();
        stream = OutputStream.nullOutputStream();
        file = null;
    }

    private void closeFile() {
        if (stream instanceof PrintStream) {
            // stderr: flushed after every line, and not ours to close
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            // closing a file we only appended to: nothing to recover
        }
    }
}
