package io.jnatsd.transport.websocket;

/** A peer broke the WebSocket framing rules; its connection closes as after a read error. */
public final class WebsocketProtocolException extends RuntimeException {
    WebsocketProtocolException(String message) {
        super(message, null, false, false);
    }
}
