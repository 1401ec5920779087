package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;

/**
 * The receiving end of a {@link Subscription}: a client connection (or an internal handler).
 * {@link #deliver} may be called from any event loop, concurrently; the implementation appends
 * to its outbound buffer under its own lock and adds itself to {@code batch}.
 */
public interface Subscriber {
    /**
     * Appends {@code message} for {@code subscription}.
     *
     * @return false when nothing was delivered (closed or slow consumer)
     */
    boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch);

    /**
     * The same for a message a local connection published, with that connection: a service import
     * that passes the requester's identity on (nats-server's {@code Nats-Request-Info}) needs it.
     */
    default boolean deliver(Subscription subscription, MessageFrame message, Subscriber publisher, FlushBatch batch) {
        return deliver(subscription, message, batch);
    }

    /** The subscription reached its auto-unsubscribe limit; drop it from the subscriber's own state. */
    void subscriptionExpired(Subscription subscription);
}
