package io.jnatsd.transport.tls;

/**
 * {@code connection_rate_limit}: at most that many new TLS clients in a one-second window, the
 * window starting with the first connection after the last one ended (nats-server's counter), and
 * how many were turned away since last asked, for the once-a-second warning.
 */
final class ConnectionRate {
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final long limit;
    private long windowEnd;
    private boolean windowOpen;
    private long count;
    private long blocked;

    ConnectionRate(long limit) {
        this.limit = limit;
    }

    synchronized boolean allow(long nowNanos) {
        if (!windowOpen || nowNanos - windowEnd > 0) {
            windowOpen = true;
            windowEnd = nowNanos + WINDOW_NANOS;
            count = 0;
        } else {
            count++;
        }
        boolean allowed = count < limit;
        if (!allowed) {
            blocked++;
        }
        return allowed;
    }

    synchronized long takeBlocked() {
        long taken = blocked;
        blocked = 0;
        return taken;
    }
}
