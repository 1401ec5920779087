package io.jnatsd.server;

/**
 * Listens to client connections coming and going, for the system account's advisories. Called
 * on the connection's event loop: implementations hand real work to their own thread.
 */
public interface ConnectionEvents {
    ConnectionEvents NONE = new ConnectionEvents() {
        @Override
        public void connected(ConnectionSnapshot connection) {
        }

        @Override
        public void disconnected(ConnectionSnapshot connection) {
        }
    };

    /**
     * A client's CONNECT was accepted: it is bound to its account. Not called for clients of the
     * global account ({@code $G}), whose activity nats-server keeps out of its account events.
     */
    void connected(ConnectionSnapshot connection);

    /** A client connection closed ({@code stop} and {@code reason} are set). */
    void disconnected(ConnectionSnapshot connection);

    /** A leaf node connection bound to {@code account} registered or closed. */
    default void leafCountChanged(String account) {
    }
}
