package io.jnatsd.client;

/**
 * Inbound counters of one connection, written only by its event loop and read by monitoring.
 * The message counters are plain fields: a volatile write per message would cost a fence on the
 * hot path, and monitoring accepts a slightly stale value.
 */
public final class ConnectionStatistics {
    private long inMessages;
    private long inBytes;
    private volatile long lastActivityMillis = System.currentTimeMillis();

    void countIn(int bytes) {
        inMessages++;
        inBytes += bytes;
    }

    void touch(long nowMillis) {
        lastActivityMillis = nowMillis;
    }

    public long inMessages() {
        return inMessages;
    }

    public long inBytes() {
        return inBytes;
    }

    public long lastActivityMillis() {
        return lastActivityMillis;
    }
}
