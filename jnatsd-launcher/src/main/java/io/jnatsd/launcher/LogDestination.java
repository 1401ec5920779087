package io.jnatsd.launcher;

import java.io.IOException;
import java.time.Instant;
import org.slf4j.event.Level;

/**
 * Where {@link LogOutput}'s lines go, as in nats-server one at a time: stderr, the
 * {@code -l} file ({@link LogFile}), or syslog ({@link Syslog}). Called under
 * {@link LogOutput}'s monitor only.
 */
interface LogDestination {
    void write(Instant time, Level level, boolean fatal, String message, Throwable throwable) throws IOException;

    /** Flushes and lets go of what it holds; stderr is not ours to close. */
    default void close() {
    }
}
