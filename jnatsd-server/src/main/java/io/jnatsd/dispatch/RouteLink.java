package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.QueueNames;

/**
 * A route connection as the message path sees it: where messages for a peer's interest go.
 * Implemented by the cluster layer; called from any event loop.
 */
public interface RouteLink {
    /**
     * Appends one RMSG/HMSG for {@code message} in {@code account}, listing the queue groups this
     * peer was picked for (none: plain interest only).
     */
    void forward(Account account, MessageFrame message, QueueNames queues, FlushBatch batch);

    /**
     * Whether this link is a leaf node connection: its queue members are taken only when none is
     * found on this side (LEAFNODES.md §9.5), and messages from a route never go to a route.
     */
    default boolean leafNode() {
        return false;
    }

    /**
     * Whether a message that arrived over a route may be forwarded here: the one exception to the
     * one-hop rule, leaf connections on which this server is the hub (LEAFNODES.md §9.2).
     */
    default boolean receivesRoutedMessages() {
        return false;
    }
}
