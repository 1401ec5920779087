package io.jnatsd.transport.tls;

/** A {@code tls {}} block cannot be turned into a working TLS context (bad key, unknown cipher, ...). */
public final class TlsSetupException extends RuntimeException {
    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
