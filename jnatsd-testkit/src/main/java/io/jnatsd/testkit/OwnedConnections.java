package io.jnatsd.testkit;

import java.util.ArrayList;
import java.util.List;

/** Connections a handle opened for its user; closed (newest first) with the handle. */
final class OwnedConnections {
    private final List<AutoCloseable> open = new ArrayList<>();

    synchronized <T extends AutoCloseable> T add(T connection) {
        open.add(connection);
        return connection;
    }

    void closeAll() {
        List<AutoCloseable> closing;
        synchronized (this) {
            closing = new ArrayList<>(open);
            open.clear();
        }
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                // A connection that fails to close is gone anyway; the servers close next.
            }
        }
    }
}
