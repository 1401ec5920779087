package io.jnatsd.protocol.route;

import io.jnatsd.protocol.QueueNames;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ProtocolException;

/**
 * What a route connection does with each operation of the route dialect (ROUTES.md §5). The
 * account is null only where the connection is pinned and the parser was not told its account.
 */
public interface RouteOperations {
    void info(String json) throws ProtocolException;

    void connect(String json) throws ProtocolException;

    void ping();

    void pong();

    void error(String text) throws ProtocolException;

    /** RS+ (origin null) or LS+; queue null for plain interest; weight 1 for plain. */
    void subscribe(String origin, String account, String subject, String queue, int weight) throws ProtocolException;

    /** RS- (origin null) or LS-; origin empty for an LS- from a peer that does not name it (no {@code lnocu}). */
    void unsubscribe(String origin, String account, String subject, String queue) throws ProtocolException;

    /** A+ ({@code wanted}) or A- of a whole account: gateways only (GATEWAYS.md §4.4); others ignore it. */
    default void accountInterest(String account, boolean wanted) throws ProtocolException {
    }

    /** RMSG/HMSG/LMSG; the frame and queue list are valid only during the call. */
    void message(String account, MessageFrame message, QueueNames queues) throws ProtocolException;

    /** The same with the origin of a route LMSG: the leaf node cluster it came from, null for RMSG/HMSG. */
    default void message(String account, String origin, MessageFrame message, QueueNames queues)
            throws ProtocolException {
        message(account, message, queues);
    }

    /**
     * Whether protocol tracing is on ({@code -V}): the parser then hands each operation nats-server
     * traces to {@link #trace} in its form.
     */
    default boolean tracing() {
        return false;
    }

    /** One trace line's text: {@code <<- [RS+ $G foo]}, {@code <<- MSG_PAYLOAD: ["hi"]}. */
    default void trace(String text) {
    }

    /**
     * {@code max_traced_msg_len}: the bytes of a traced payload shown before {@code ...}, 0 or less
     * for all of it. Asked only while tracing, so it follows a reload.
     */
    default int maxTracedMessageLength() {
        return 0;
    }
}
