package io.jnatsd.protocol;

/**
 * What a client connection does with each operation its parser recognises. Called on the
 * connection's event loop; a {@link MessageFrame} is valid only during {@link #publish}.
 */
public interface ClientOperations {
    /**
     * Called when a line starts (again on every later look at a line still arriving); throws when
     * the connection may not send it yet. nats-server decides on the first byte alone: while a
     * CONNECT is awaited with auth required, a line not starting with C is an auth violation.
     */
    void checkAllowed(boolean startsWithC) throws ProtocolException;

    void connect(String json) throws ProtocolException;

    /**
     * Announces a PUB/HPUB before its payload is read so limits and header support are checked
     * before waiting for a large payload.
     */
    void checkPublish(int totalSize, boolean hasHeaders) throws ProtocolException;

    void publish(MessageFrame frame) throws ProtocolException;

    /** Whether {@link #publishSubject} wants each PUB/HPUB's subject (a pedantic client's). */
    default boolean checksPublishSubjects() {
        return false;
    }

    /**
     * A PUB/HPUB line's subject, once per line and before its payload is read, where nats-server
     * checks a pedantic client's publish subject (its -ERR comes before the payload's trace).
     */
    default void publishSubject(String subject) {
    }

    void subscribe(String subject, String queue, String sid) throws ProtocolException;

    /** @param maxMessages the auto-unsubscribe limit; 0 or less (malformed) unsubscribes now */
    void unsubscribe(String sid, int maxMessages) throws ProtocolException;

    void ping();

    void pong();

    /** The client sent -ERR: nats-server closes the connection. */
    void error(String text) throws ProtocolException;

    /**
     * Whether protocol tracing is on ({@code -V}): the parser then hands each operation it reads
     * to {@link #trace} in nats-server's form.
     */
    default boolean tracing() {
        return false;
    }

    /** One trace line's text: {@code <<- [SUB foo 1]}, {@code <<- MSG_PAYLOAD: ["hi"]}. */
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
