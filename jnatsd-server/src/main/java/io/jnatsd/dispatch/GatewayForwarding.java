package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.subject.MatchResult;

/**
 * The gateway layer as the message path sees it (GATEWAYS.md §5): where a message that entered
 * the supercluster at this server goes next, and how a reply mapped with the {@code _GR_.} prefix
 * looks to this server's own subscribers. Implemented by the gateway layer; called from any loop.
 */
public interface GatewayForwarding {
    /** No gateways: nothing leaves the cluster. */
    GatewayForwarding NONE = new GatewayForwarding() {
        @Override
        public int forward(Account account, MessageFrame message, MatchResult<Subscription> cluster, FlushBatch batch) {
            return 0;
        }

        @Override
        public boolean interested(Account account, String subject) {
            return false;
        }

        @Override
        public MessageFrame localView(Account account, MessageFrame message) {
            return message;
        }

        @Override
        public MessageFrame unmapped(MessageFrame message) {
            return message;
        }
    };

    /** The reply prefix nats-server adds to requests that cross a gateway. */
    String REPLY_PREFIX = "_GR_.";

    /**
     * Forwards a message published at this server to every remote cluster with interest, at most
     * once per cluster.
     *
     * @param cluster the message's match in this cluster's interest (local and route), so queue
     *                groups served in this cluster are not sent across
     * @return how many remote clusters it was sent to
     */
    int forward(Account account, MessageFrame message, MatchResult<Subscription> cluster, FlushBatch batch);

    /**
     * Whether {@link #forward} could send a message on {@code subject} to some remote cluster
     * (its interest, an optimistic peer that has not refused the subject, or a mapped reply).
     * Errs towards yes (an implementation that cannot tell says yes): it is asked before building
     * a message that only matters if it leaves.
     */
    default boolean interested(Account account, String subject) {
        return true;
    }

    /**
     * The frame this server's subscribers receive for a message whose reply carries the
     * {@code _GR_.} prefix: the reply without it (the mapping is remembered so the answer goes
     * straight back to the requester's cluster).
     */
    MessageFrame localView(Account account, MessageFrame message);

    /**
     * A mapped reply on its way back to the requester (subject {@code _GR_.<cluster>.<server>.x}),
     * forwarded to this server over a route: the frame with subject {@code x}.
     */
    MessageFrame unmapped(MessageFrame message);

    /** Whether the message's reply subject starts with {@code _GR_.} (no allocation). */
    static boolean hasMappedReply(MessageFrame message) {
        if (!message.hasReply() || message.replyLength() <= REPLY_PREFIX.length()) {
            return false;
        }
        var buffer = message.buffer();
        int start = message.replyStart();
        for (int i = 0; i < REPLY_PREFIX.length(); i++) {
            if (buffer.getByte(start + i) != REPLY_PREFIX.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
