package io.jnatsd.link;

import io.netty.channel.ConnectTimeoutException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Why a dial failed, in the words of nats-server's logs (Go's network errors): {@code dial tcp
 * 127.0.0.1:6222: connect: connection refused} rather than the JVM's {@code finishConnect(..)
 * failed with error(-111): Connection refused: /127.0.0.1:6222}, so that log watchers keyed to
 * nats-server's lines keep working.
 */
public final class DialError {
    private DialError() {
    }

    /** The text after "(attempt N): " in the dialing link's error line. */
    public static String describe(String host, int port, Throwable cause) {
        String hostPort = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        if (cause instanceof UnknownHostException) {
            return "dial tcp: lookup " + host + ": no such host";
        }
        if (cause instanceof ConnectTimeoutException) {
            return "dial tcp " + hostPort + ": i/o timeout";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("connection refused")) {
            return "dial tcp " + hostPort + ": connect: connection refused";
        }
        if (cause instanceof NoRouteToHostException || lower.contains("no route to host")) {
            return "dial tcp " + hostPort + ": connect: no route to host";
        }
        if (lower.contains("network is unreachable")) {
            return "dial tcp " + hostPort + ": connect: network is unreachable";
        }
        return "dial tcp " + hostPort + ": " + message;
    }
}
