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
     * The same for a message that came in on a leaf connection of cluster {@code origin} (its name's
     * bytes): a route tells its peer with {@code LMSG <origin> ...} so that the peer never sends it
     * back into that cluster (ROUTES.md §5.4). Other links ignore the origin.
     */
    default void forward(Account account, MessageFrame message, QueueNames queues, byte[] origin, FlushBatch batch) {
        forward(account, message, queues, batch);
    }

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

    /**
     * The cluster name of the server at the other end of a leaf connection, null (or empty) when
     * unknown or not a leaf connection: a message or interest whose origin is that cluster never
     * goes back over this link (LEAFNODES.md §9.2, "cluster-wide no echo").
     */
    default String leafCluster() {
        return null;
    }

    /** {@link #leafCluster()} as bytes, for the origin token of route LMSG lines; null when there is none. */
    default byte[] leafClusterBytes() {
        return null;
    }
}
