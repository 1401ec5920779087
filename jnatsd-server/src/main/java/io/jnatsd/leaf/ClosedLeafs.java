package io.jnatsd.leaf;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code max_closed_clients} closed leaf connections, oldest first. nats-server keeps
 * them in its one ring of closed connections; jnatsd keeps a ring of the same size beside the
 * clients' one, so a server with leaf churn keeps up to twice as many entries in all. Guarded by
 * its own monitor: connections close on any event loop, and rarely.
 */
final class ClosedLeafs {
    private final int capacity;
    private final ArrayDeque<ClosedLeaf> ring = new ArrayDeque<>();

    ClosedLeafs(int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    synchronized void add(ClosedLeaf closed) {
        if (capacity == 0) {
            return;
        }
        if (ring.size() == capacity) {
            ring.removeFirst();
        }
        ring.addLast(closed);
    }

    synchronized List<ClosedLeaf> snapshot() {
        return List.copyOf(ring);
    }
}
