package io.jnatsd.server;

import io.jnatsd.cluster.RouteConnection;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.dispatch.Subscription;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the monitoring view of a route connection from the cluster layer's state. */
final class RouteViews {
    private RouteViews() {
    }

    static RouteView of(RouteConnection route, ClusterOptions options) {
        InetSocketAddress peer = route.remoteAddress();
        List<SubscriptionSnapshot> interest = new ArrayList<>();
        for (Subscription subscription : route.remoteInterest()) {
            interest.add(SubscriptionSnapshot.of(subscription));
        }
        long pending;
        synchronized (route.outbound()) {
            pending = route.outbound().pendingBytes();
        }
        return new RouteView(route.id(), route.remoteInfo().serverId, route.remoteInfo().serverName,
                route.solicited(), route.configured(),
                peer == null ? "" : peer.getAddress().getHostAddress(), peer == null ? 0 : peer.getPort(),
                route.started(), Instant.ofEpochMilli(route.lastActivityMillis()), route.rttNanos(), pending,
                route.inMessages(), route.outbound().outMessages(), route.inBytes(), route.outbound().outBytes(),
                interest.size(), interest, route.pinnedAccount(),
                route.compressionMode(), options.permissions());
    }
}
