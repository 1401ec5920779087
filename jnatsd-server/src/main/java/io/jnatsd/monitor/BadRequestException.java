package io.jnatsd.monitor;

/** A query nats-server answers with HTTP 400 and this plain-text message. */
final class BadRequestException extends Exception {
    BadRequestException(String message) {
        super(message, null, false, false);
    }
}
