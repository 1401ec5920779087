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
}
