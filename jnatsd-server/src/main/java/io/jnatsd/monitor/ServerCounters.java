package io.jnatsd.monitor;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.dispatch.Account;
import io.jnatsd.leaf.LeafNodes;
import io.jnatsd.leaf.LeafView;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.RouteView;
import io.jnatsd.server.ServerStatistics;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The server's traffic and connection totals at one moment, as {@code /varz}, the {@code $SYS}
 * statsz, {@code /metrics} and {@code /clusterz} report them: live client, route and leaf
 * connections summed with the totals of closed clients and routes, and the subscriptions of every
 * account's index (route-learned, leaf-learned and internal interest included, as nats-server
 * counts them).
 *
 * @param activeAccounts accounts with at least one client connection
 */
record ServerCounters(int connections, long totalConnections, int activeAccounts, long inMessages,
                      long outMessages, long inBytes, long outBytes, long slowConsumers, long subscriptions,
                      List<RouteView> routes, List<LeafView> leafs) {

    static ServerCounters of(NatsServer server) {
        ServerStatistics statistics = server.statistics();
        long inMessages = statistics.closedInMessages();
        long inBytes = statistics.closedInBytes();
        long outMessages = statistics.closedOutMessages();
        long outBytes = statistics.closedOutBytes();
        int connections = 0;
        Set<String> accounts = new HashSet<>();
        for (ClientConnection client : server.clients()) {
            connections++;
            if (client.accountName() != null) {
                accounts.add(client.accountName());
            }
            inMessages += client.statistics().inMessages();
            inBytes += client.statistics().inBytes();
            if (client.outbound() != null) {
                outMessages += client.outbound().outMessages();
                outBytes += client.outbound().outBytes();
            }
        }
        List<RouteView> routes = server.routeViews();
        for (RouteView route : routes) {
            inMessages += route.inMessages();
            inBytes += route.inBytes();
            outMessages += route.outMessages();
            outBytes += route.outBytes();
        }
        LeafNodes leafNodes = server.leafNodes();
        List<LeafView> leafs = leafNodes == null ? List.of() : leafNodes.views();
        if (leafNodes != null) {
            inMessages += leafNodes.closedTraffic().inMessages();
            inBytes += leafNodes.closedTraffic().inBytes();
            outMessages += leafNodes.closedTraffic().outMessages();
            outBytes += leafNodes.closedTraffic().outBytes();
        }
        for (LeafView leaf : leafs) {
            inMessages += leaf.inMessages();
            inBytes += leaf.inBytes();
            outMessages += leaf.outMessages();
            outBytes += leaf.outBytes();
        }
        long subscriptions = 0;
        for (Account account : server.accounts().all()) {
            subscriptions += account.subscriptions().count();
        }
        return new ServerCounters(connections, statistics.totalConnections(), accounts.size(), inMessages,
                outMessages, inBytes, outBytes, statistics.slowConsumers(), subscriptions, routes, leafs);
    }

    /** Distinct peers this server has route connections to. */
    long remotes() {
        return routes.stream().map(RouteView::remoteId).distinct().count();
    }
}
