package io.jnatsd.transport.websocket;

import io.netty.channel.ChannelHandler;
import java.util.function.Supplier;

/** Who takes over a connection once its upgrade succeeded: the server, which makes it a client. */
public interface UpgradeTarget {
    /** The handler that reads the NATS protocol out of the frames, and why it closes (read when it does). */
    record Client(ChannelHandler handler, Supplier<String> closeReason) {
    }

    Client accept(WebsocketSession session);
}
