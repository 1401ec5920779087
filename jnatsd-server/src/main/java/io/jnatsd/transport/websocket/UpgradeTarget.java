package io.jnatsd.transport.websocket;

import io.netty.channel.ChannelHandler;
import java.util.function.Supplier;

/**
 * Who takes over a connection once its upgrade succeeded: the server, which makes it a client, or
 * a leaf node connection when the request was for {@code /leafnode}.
 */
public interface UpgradeTarget {
    /** The handler that reads the NATS protocol out of the frames, and why it closes (read when it does). */
    record Client(ChannelHandler handler, Supplier<String> closeReason) {
    }

    Client accept(WebsocketSession session);

    /** A leaf node connection for an upgrade on {@code /leafnode}; null when this server accepts no leaf nodes. */
    default Client acceptLeaf(WebsocketSession session) {
        return null;
    }
}
