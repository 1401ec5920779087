package io.jnatsd.protocol;

/**
 * Input that the parser cannot accept. {@code error} is the {@code -ERR} to send before closing,
 * or null where nats-server closes without one (argument-count errors). {@code detail} is for the log.
 */
public final class ProtocolException extends Exception {
    private final transient ProtocolError error;

    public ProtocolException(ProtocolError error, String detail) {
        super(detail, null, false, false);
        this.error = error;
    }

    public ProtocolError error() {
        return error;
    }
}
