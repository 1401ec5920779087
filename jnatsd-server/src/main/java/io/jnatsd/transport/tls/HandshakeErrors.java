package io.jnatsd.transport.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;

/**
 * Reasons for a failed handshake in nats-server's words (Go's crypto/tls and io errors), one line
 * each: the JDK wraps the useful part deep inside, in its own words.
 */
final class HandshakeErrors {
    private static final String CLOSED = "connection closed during the TLS handshake";
    private static final String FATAL_ALERT = "Received fatal alert:";

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

    /** {@link #describe(Throwable)}, where a close before the handshake is over reads as Go reads it. */
    static String describe(Throwable failure, boolean bytesSeen) {
        String text = describe(failure);
        if (text.equals(CLOSED)) {
            // Go's io.EOF when the peer closed before sending anything, io.ErrUnexpectedEOF within a record.
            return bytesSeen ? "unexpected EOF" : "EOF";
        }
        return text;
    }

    /** Go's wording of an i/o deadline: {@code read tcp <local>-><remote>: i/o timeout}. */
    static String readTimeout(Channel channel) {
        return "read tcp " + address(channel.localAddress()) + "->" + address(channel.remoteAddress()) + ": i/o timeout";
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
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
            return "tls: first record does not look like a TLS handshake";
        }
        if (cause instanceof SslHandshakeTimeoutException) {
            return "TLS handshake timeout";
        }
        if (cause instanceof ClosedChannelException) {
            return CLOSED;
        }
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        if (message.contains("unable to find valid certification path")) {
            return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
        }
        if (message.startsWith("Empty client certificate chain")) {
            return "tls: client didn't provide a certificate";
        }
        if (message.startsWith("PKIX path building failed") || message.contains("unable to find valid certification path")) {
            return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
        }
        if (message.contains("validity check failed") || message.startsWith("NotAfter") || message.startsWith("NotBefore")) {
            // Go adds the current time and the certificate's bound, which the JDK does not give here
            return "tls: failed to verify certificate: x509: certificate has expired or is not yet valid";
        }
        if (message.startsWith(FATAL_ALERT)) {
            return "remote error: tls: " + alertName(message.substring(FATAL_ALERT.length()).trim());
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Go's names of TLS alerts (crypto/tls), from the JDK's. */
    private static String alertName(String jdkName) {
        return switch (jdkName) {
            case "bad_certificate" -> "bad certificate";
            case "unknown_ca" -> "unknown certificate authority";
            case "certificate_unknown" -> "unknown certificate";
            case "certificate_required" -> "certificate required";
            case "handshake_failure" -> "handshake failure";
            case "protocol_version" -> "protocol version not supported";
            case "decrypt_error" -> "error decrypting message";
            case "internal_error" -> "internal error";
            default -> jdkName.replace('_', ' ');
        };
    }
}
