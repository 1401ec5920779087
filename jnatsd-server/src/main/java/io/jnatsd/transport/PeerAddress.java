package io.jnatsd.transport;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * A peer's address as nats-server's log lines show it: {@code 127.0.0.1:5555}, {@code [::1]:5555}
 * (Go's host:port), not Java's {@code /127.0.0.1:5555}.
 */
public final class PeerAddress {
    private PeerAddress() {
    }

    public static String of(InetSocketAddress address) {
        if (address == null) {
            return "?";
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        if (address.getAddress() instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
        }
        return host + ":" + address.getPort();
    }
}
