package io.jnatsd.monitor;

/**
 * A query nats-server answers with HTTP 400 and this plain-text message (and a {@code $SYS}
 * request with an error of that description).
 */
public final class BadRequestException extends Exception {
    BadRequestException(String message) {
        super(message, null, false, false);
    }
}
