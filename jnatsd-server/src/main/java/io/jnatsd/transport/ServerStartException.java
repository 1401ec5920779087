package io.jnatsd.transport;

/** The server could not start (a port could not be bound, options are inconsistent). */
public final class ServerStartException extends RuntimeException {
    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
