package io.jnatsd.leaf;

import io.jnatsd.dispatch.Subscription;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One registered leaf connection as monitoring shows it ({@code /leafz}, {@code /metrics}, the
 * dashboard; LEAFNODES.md §12.1). Read-only: every value is read from the live connection when
 * asked, so a view taken before a close reports the last counts.
 */
public final class LeafView {
    private final LeafConnection connection;

    LeafView(LeafConnection connection) {
        this.connection = connection;
    }

    /** The connection id ({@code lid}), from the number space of client ids. */
    public long cid() {
        return connection.id();
    }

    /** The remote server's name: its CONNECT {@code name} on the hub, its INFO {@code server_name} on the spoke. */
    public String name() {
        return connection.remoteName();
    }

    /** Whether this server is the spoke on this connection (it dialed a remote without {@code hub: true}, or accepted one with it). */
    public boolean spoke() {
        return connection.spoke();
    }

    /** The local account the connection is bound to. */
    public String account() {
        return connection.account() == null ? "" : connection.account().name();
    }

    /** The remote's cluster name (its server name when it has none); null before the handshake. */
    public String remoteCluster() {
        return connection.remoteCluster();
    }

    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    public Instant started() {
        return connection.started();
    }

    public long lastActivityMillis() {
        return connection.lastActivityMillis();
    }

    /** The last measured round trip, -1 before the first PONG. */
    public long rttNanos() {
        return connection.rttNanos();
    }

    public long pendingBytes() {
        return connection.outbound() == null ? 0 : connection.outbound().pendingBytes();
    }

    public long inMessages() {
        return connection.inMessages();
    }

    public long inBytes() {
        return connection.inBytes();
    }

    public long outMessages() {
        return connection.outbound() == null ? 0 : connection.outbound().outMessages();
    }

    public long outBytes() {
        return connection.outbound() == null ? 0 : connection.outbound().outBytes();
    }

    /** How many interest entries the remote announced on this connection (its LS+). */
    public int subscriptions() {
        return connection.remoteInterestCount();
    }

    /** The subjects of the remote's interest, one per entry, queue names dropped (as nats-server lists them). */
    public List<String> subscriptionSubjects() {
        List<String> subjects = new ArrayList<>();
        for (Subscription interest : connection.remoteInterest()) {
            subjects.add(interest.subject());
        }
        return subjects;
    }

    /** This side's writer mode on the connection, as nats-server's /leafz shows it. */
    public String compression() {
        return connection.compressionMode();
    }
}
