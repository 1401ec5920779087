package io.jnatsd.bench.wire;

import java.io.IOException;

/**
 * A subscription on its own connection, drained by its own thread that only counts frames.
 * Counts are read by other threads while it runs (see {@link RawConnection} for the threading).
 */
public final class RawSubscriber implements AutoCloseable {

    private final RawConnection connection;
    private final Thread reader;
    private volatile boolean stopping;
    private volatile long hardDeadlineNanos;
    private volatile String failure;

    /**
     * Subscribes and waits for the server to confirm with PONG, so the interest exists on that
     * server (not yet necessarily on the servers it routes to) when this returns.
     */
    public RawSubscriber(RawConnection connection, String subject, String queueGroup, int sid, long deadlineNanos)
            throws IOException {
        this.connection = connection;
        connection.send("SUB " + subject + (queueGroup == null ? "" : " " + queueGroup) + " " + sid + "\r\n");
        connection.flush(deadlineNanos);
        this.reader = new Thread(this::readUntilStopped, "bench-subscriber-" + subject + "-" + sid);
        this.reader.setDaemon(true);
    }

    /** Starts reading; the thread ends by itself at the deadline even if nobody stops it. */
    public void start(long hardDeadlineNanos) {
        this.hardDeadlineNanos = hardDeadlineNanos;
        reader.start();
    }

    private void readUntilStopped() {
        try {
            while (!stopping && System.nanoTime() - hardDeadlineNanos < 0) {
                if (!connection.readOnce()) {
                    failure = "connection closed by the server"
                        + (connection.serverError() == null ? " (slow consumer?)" : " after " + connection.serverError());
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                failure = e.toString();
            }
        }
    }

    public long messages() {
        return connection.messages();
    }

    public long probes() {
        return connection.probes();
    }

    public long lastArrivalNanos() {
        return connection.lastArrivalNanos();
    }

    /** Why the reader stopped early, or null while it is fine. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        stopping = true;
        connection.close();
        try {
            reader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
