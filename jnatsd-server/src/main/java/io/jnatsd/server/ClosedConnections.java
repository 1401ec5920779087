package io.jnatsd.server;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code max_closed_clients} closed client connections, oldest first, for
 * {@code /connz?state=closed}. Connections close on any event loop, so the ring is guarded by
 * its own monitor; closing is rare next to messages, and a snapshot copies at most the ring.
 */
public final class ClosedConnections {
    private final int capacity;
    private final ArrayDeque<ConnectionSnapshot> ring;

    public ClosedConnections(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.ring = new ArrayDeque<>(Math.min(this.capacity, 1024));
    }

    public synchronized void add(ConnectionSnapshot closed) {
        if (capacity == 0) {
            return;
        }
        if (ring.size() == capacity) {
            ring.removeFirst();
        }
        ring.addLast(closed);
    }

    public synchronized List<ConnectionSnapshot> snapshot() {
        return List.copyOf(ring);
    }
}
