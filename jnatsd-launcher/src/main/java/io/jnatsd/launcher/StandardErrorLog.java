package io.jnatsd.launcher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.event.Level;

/** nats-server's default destination: stderr, a line at a time, flushed after each. */
final class StandardErrorLog implements LogDestination {
    private final PrintStream stream;
    private final NatsLogLayout layout;

    StandardErrorLog(PrintStream stream, boolean logtime) {
        this.stream = stream;
        this.layout = new NatsLogLayout(logtime);
    }

    @Override
    public void write(Instant time, Level level, boolean fatal, String message, Throwable throwable) {
        byte[] line = layout.format(time, level, fatal, message, throwable).getBytes(StandardCharsets.UTF_8);
        stream.write(line, 0, line.length);
        stream.flush();
    }
}
