package io.jnatsd.server;

import io.jnatsd.config.ClusterOptions.RoutePermissions;
import java.time.Instant;
import java.util.List;

/**
 * One route connection as {@code /routez} and {@code /varz} show it (MONITORING.md §4), produced
 * by the server from its cluster layer. Pool members and pinned-account connections to the same
 * peer are separate views with the same {@code remoteId}.
 *
 * @param rid              this server's id of the connection
 * @param didSolicit       this server dialed it
 * @param isConfigured     the peer is listed in {@code cluster.routes} (not learned by gossip)
 * @param rttNanos         last measured round trip, -1 when never measured
 * @param pendingBytes     outbound bytes not yet written
 * @param subscriptionCount interest learned on this connection
 * @param subscriptions    that interest, filled only when asked for ({@code sid} is the route key)
 * @param account          the pinned account of this connection, null for pool members
 * @param compression      this side's writer mode: off, s2_fast, s2_better, s2_best, s2_uncompressed, not supported
 * @param permissions      import/export permissions of this route, null when none
 */
public record RouteView(
        long rid,
        String remoteId,
        String remoteName,
        boolean didSolicit,
        boolean isConfigured,
        String ip,
        int port,
        Instant start,
        Instant lastActivity,
        long rttNanos,
        long pendingBytes,
        long inMessages,
        long outMessages,
        long inBytes,
        long outBytes,
        int subscriptionCount,
        List<SubscriptionSnapshot> subscriptions,
        String account,
        String compression,
        RoutePermissions permissions) {

    public RouteView {
        subscriptions = List.copyOf(subscriptions);
    }
}
