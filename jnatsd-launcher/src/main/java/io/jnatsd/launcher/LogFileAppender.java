package io.jnatsd.launcher;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * Appends to the {@code -l} file and can open it again after a rotation moved it away
 * (SIGUSR1). The stream is swapped under the appender's own write lock, so no line is lost
 * or written twice; logback's FileAppender cannot do this, it refuses a second appender on
 * the same file while the first is open.
 */
final class LogFileAppender extends OutputStreamAppender<ILoggingEvent> {
    private final String file;

    LogFileAppender(String file) {
        this.file = file;
    }

    @Override
    public void start() {
        try {
            setOutputStream(new FileOutputStream(file, true));
        } catch (IOException e) {
            addError("Could not open log file " + file, e);
            return;
        }
        super.start();
    }

    /** Opens the file by its name again; the previous stream is flushed and closed. */
    void reopen() throws IOException {
        setOutputStream(new FileOutputStream(file, true));
    }
}
