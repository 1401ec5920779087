package io.jnatsd.protocol.leaf;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.QueueNames;

/** What a leaf connection does with each operation of the leaf dialect (LEAFNODES.md §7). */
public interface LeafOperations {
    void info(String json) throws ProtocolException;

    void connect(String json) throws ProtocolException;

    void ping();

    void pong();

    void error(String text) throws ProtocolException;

    /** LS+; queue null for plain interest, weight 1 then. */
    void subscribe(String subject, String queue, int weight) throws ProtocolException;

    /** LS-. */
    void unsubscribe(String subject, String queue) throws ProtocolException;

    /** LMSG/HMSG; the frame and queue list are valid only during the call. */
    void message(MessageFrame message, QueueNames queues) throws ProtocolException;

    /**
     * Whether protocol tracing is on ({@code -V}): the parser then hands each operation nats-server
     * traces to {@link #trace} in its form.
     */
    default boolean tracing() {
        return false;
    }

    /** One trace line's text: {@code <<- [LS+ foo]}, {@code <<- MSG_PAYLOAD: ["hi"]}. */
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
