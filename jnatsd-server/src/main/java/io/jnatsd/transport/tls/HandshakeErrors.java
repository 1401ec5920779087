package io.jnatsd.transport.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;

/** Short, log-friendly reasons for a failed handshake (the JDK wraps the useful part deep inside). */
final class HandshakeErrors {
    private HandshakeErrors() {
    }

    /** The peer as nats-server prints it in log lines: {@code 127.0.0.1:4222}. */
    static String peer(Channel channel) {
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(remote);
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof NotSslRecordException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof NotSslRecordException) {
            // Netty appends a hex dump of the record; Go's wording says the same in a few words.
            return "first record does not look like a TLS handshake";
        }
        if (cause instanceof SslHandshakeTimeoutException) {
            return "TLS handshake timeout";
        }
        if (cause instanceof ClosedChannelException) {
            return "connection closed during the TLS handshake";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
