package io.jnatsd.leaf;

import io.jnatsd.dispatch.Subscription;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * A leaf connection as it was when it closed, for {@code /connz?state=closed}: nats-server keeps
 * closed leaf connections in the same ring as closed clients and lists them with kind
 * {@code Leafnode}. On the accepting side the remote's server name, version and leaf user are known
 * (from its CONNECT); on the dialing side they are null, as Go leaves them empty.
 *
 * @param interest the remote's interest entries at the close (subject, queue, key as sid)
 */
public record ClosedLeaf(long cid, boolean spoke, String name, String version, String user, String account,
                         String ip, int port, Instant start, Instant lastActivity, Instant stop, String reason,
                         long rttNanos, long inMessages, long inBytes, long outMessages, long outBytes,
                         List<Subscription> interest) {

    public ClosedLeaf {
        interest = List.copyOf(interest);
    }

    static ClosedLeaf of(LeafConnection connection, Instant stop) {
        InetSocketAddress remote = connection.remoteAddress();
        LeafView view = new LeafView(connection);
        boolean dialed = connection.solicited();
        return new ClosedLeaf(connection.id(), connection.spoke(),
                dialed ? null : connection.remoteName(),
                dialed ? null : connection.remoteVersion(),
                dialed ? null : connection.remoteUser(),
                view.account(),
                remote == null ? "" : remote.getAddress().getHostAddress(),
                remote == null ? 0 : remote.getPort(),
                connection.started(), Instant.ofEpochMilli(connection.lastActivityMillis()), stop,
                connection.closeReason() == null ? "Client Closed" : connection.closeReason(),
                connection.rttNanos(), view.inMessages(), view.inBytes(), view.outMessages(), view.outBytes(),
                List.copyOf(connection.remoteInterest()));
    }
}
