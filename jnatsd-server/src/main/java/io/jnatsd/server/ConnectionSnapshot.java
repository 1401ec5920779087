package io.jnatsd.server;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.KeepAlive;
import io.jnatsd.protocol.ConnectOptions;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * The monitoring view of one client connection, taken at one moment: an open connection when
 * {@code /connz} asks, or a closed one as it was when it closed (kept in {@link ClosedConnections}).
 * {@code stop} and {@code reason} are null for open connections; {@code rttNanos} is -1 when
 * never measured. {@code websocket} tells clients of the websocket listener (connz {@code type}).
 */
public record ConnectionSnapshot(
        long cid,
        String ip,
        int port,
        Instant start,
        Instant lastActivity,
        Instant stop,
        String reason,
        long rttNanos,
        long pendingBytes,
        long inMessages,
        long inBytes,
        long outMessages,
        long outBytes,
        int subscriptionCount,
        List<SubscriptionSnapshot> subscriptions,
        String name,
        String lang,
        String version,
        String user,
        String account,
        String jwt,
        boolean websocket) {

    public ConnectionSnapshot {
        subscriptions = List.copyOf(subscriptions);
    }

    /** A connection without a user JWT. */
    public ConnectionSnapshot(long cid, String ip, int port, Instant start, Instant lastActivity, Instant stop,
            String reason, long rttNanos, long pendingBytes, long inMessages, long inBytes, long outMessages,
            long outBytes, int subscriptionCount, List<SubscriptionSnapshot> subscriptions, String name, String lang,
            String version, String user, String account) {
        this(cid, ip, port, start, lastActivity, stop, reason, rttNanos, pendingBytes, inMessages, inBytes,
                outMessages, outBytes, subscriptionCount, subscriptions, name, lang, version, user, account, null, false);
    }

    /** An open connection; its subscriptions are copied only when asked for, the count always. */
    public static ConnectionSnapshot open(ClientConnection connection, boolean withSubscriptions) {
        List<SubscriptionSnapshot> subscriptions = withSubscriptions ? subscriptionsOf(connection) : List.of();
        return of(connection, null, null, connection.pendingBytes(), subscriptions);
    }

    /** A connection that has just closed, with its subscriptions, as nats-server keeps them. */
    static ConnectionSnapshot closed(ClientConnection connection, Instant stop) {
        String reason = connection.closeReason() == null ? "Client Closed" : connection.closeReason();
        return of(connection, stop, reason, 0, subscriptionsOf(connection));
    }

    private static ConnectionSnapshot of(ClientConnection connection, Instant stop, String reason, long pending,
                                         List<SubscriptionSnapshot> subscriptions) {
        InetSocketAddress remote = connection.remoteAddress();
        KeepAlive keepAlive = connection.keepAlive();
        ConnectOptions connect = connection.connectOptions();
        boolean hasOutbound = connection.outbound() != null;
        return new ConnectionSnapshot(
                connection.id(),
                remote == null ? "" : remote.getAddress().getHostAddress(),
                remote == null ? 0 : remote.getPort(),
                connection.started(),
                Instant.ofEpochMilli(connection.statistics().lastActivityMillis()),
                stop,
                reason,
                keepAlive == null ? -1 : keepAlive.rttNanos(),
                pending,
                connection.statistics().inMessages(),
                connection.statistics().inBytes(),
                hasOutbound ? connection.outbound().outMessages() : 0,
                hasOutbound ? connection.outbound().outBytes() : 0,
                connection.subscriptionCount(),
                subscriptions,
                connect.name,
                connect.lang,
                connect.version,
                connection.user(),
                connection.accountName(),
                connect.jwt,
                connection.websocket());
    }

    private static List<SubscriptionSnapshot> subscriptionsOf(ClientConnection connection) {
        return connection.subscriptionsSnapshot().stream().map(SubscriptionSnapshot::of).toList();
    }
}
