package io.jnatsd.protocol;

/**
 * Input that the parser cannot accept. {@code error} is the {@code -ERR} to send before closing,
 * or null where nats-server closes without one (argument-count errors). {@code detail} is for the log.
 * {@code at} is the index, in the buffer parsed, of the byte nats-server's byte-by-byte parser
 * fails at, or -1 when the error concerns the line (or frame) being parsed as a whole.
 */
public final class ProtocolException extends Exception {
    private final transient ProtocolError error;
    private final int at;

    public ProtocolException(ProtocolError error, String detail) {
        this(error, detail, -1);
    }

    public ProtocolException(ProtocolError error, String detail, int at) {
        super(detail, null, false, false);
        this.error = error;
        this.at = at;
    }

    public ProtocolError error() {
        return error;
    }

    /** The index of the byte the parser failed at, or -1 when the error is about the whole line. */
    public int at() {
        return at;
    }
}
