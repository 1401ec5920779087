package io.jnatsd.client;

/**
 * Inbound counters of one connection, written only by its event loop and read by monitoring
 * (a slightly stale read is acceptable there, so they are plain volatile fields, not atomics).
 */
public final class ConnectionStatistics {
    private volatile long inMessages;
    private volatile long inBytes;
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
