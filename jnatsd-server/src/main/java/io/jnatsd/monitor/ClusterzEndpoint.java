package io.jnatsd.monitor;

import io.jnatsd.cluster.Cluster;
import io.jnatsd.gateway.GatewayView;
import io.jnatsd.gateway.Gateways;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.RouteView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /clusterz} (jnatsd's own, not nats-server's): this server's view of its cluster for the
 * dashboard, one entry per peer with its route connections (pool members and pinned accounts)
 * summed: message and byte counters, interest the peer announced, pending bytes, and the
 * smallest measured round trip; and one entry per gateway connection (direction, remote cluster and
 * server, TLS version, counters). Counters are totals; rates are the reader's business.
 */
final class ClusterzEndpoint implements Endpoint {
    private final NatsServer server;

    ClusterzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) {
        ServerCounters counters = ServerCounters.of(server);
        Cluster cluster = server.cluster();
        GoObject self = new GoObject()
                .put("id", server.serverId())
                .put("name", server.serverName())
                .put("connections", counters.connections())
                .put("subscriptions", counters.subscriptions())
                .put("in_msgs", counters.inMessages())
                .put("out_msgs", counters.outMessages())
                .put("in_bytes", counters.inBytes())
                .put("out_bytes", counters.outBytes())
                .put("slow_consumers", counters.slowConsumers());
        return MonitorJson.indented(new GoObject()
                .put("server_id", server.serverId())
                .put("server_name", server.serverName())
                .put("cluster", cluster == null ? "" : cluster.name())
                .put("now", GoFormats.timestamp(Instant.now()))
                .put("server", self)
                .put("routes", peers(counters.routes()))
                .put("gateways", gateways(server.gateways())));
    }

    /** One entry per gateway connection, outbound first: the remote cluster, its server, TLS and counters. */
    private static List<GoObject> gateways(Gateways gateways) {
        List<GoObject> entries = new ArrayList<>();
        if (gateways == null) {
            return entries;
        }
        gateways.outboundViews().forEach(view -> entries.add(gateway("outbound", view)));
        gateways.inboundViews().forEach(view -> entries.add(gateway("inbound", view)));
        return entries;
    }

    private static GoObject gateway(String direction, GatewayView view) {
        return new GoObject()
                .put("direction", direction)
                .put("gateway", view.gateway())
                .put("cid", view.cid())
                .put("remote_id", view.serverId())
                .put("configured", view.configured())
                .put("tls_version", view.tlsVersion() == null ? "" : view.tlsVersion())
                .put("rtt", GoFormats.rtt(view.rttNanos()))
                .put("rtt_nanos", Math.max(0, view.rttNanos()))
                .put("in_msgs", view.inMessages())
                .put("out_msgs", view.outMessages())
                .put("in_bytes", view.inBytes())
                .put("out_bytes", view.outBytes())
                .put("pending_bytes", view.pendingBytes())
                .put("subscriptions", view.subscriptions());
    }

    private static List<GoObject> peers(List<RouteView> routes) {
        Map<String, List<RouteView>> byPeer = new LinkedHashMap<>();
        for (RouteView route : routes) {
            byPeer.computeIfAbsent(route.remoteId(), id -> new ArrayList<>()).add(route);
        }
        List<GoObject> peers = new ArrayList<>(byPeer.size());
        byPeer.forEach((id, connections) -> peers.add(peer(id, connections)));
        return peers;
    }

    private static GoObject peer(String remoteId, List<RouteView> connections) {
        long rtt = -1;
        long inMessages = 0;
        long outMessages = 0;
        long inBytes = 0;
        long outBytes = 0;
        long pending = 0;
        long interest = 0;
        boolean configured = false;
        for (RouteView route : connections) {
            if (route.rttNanos() > 0 && (rtt < 0 || route.rttNanos() < rtt)) {
                rtt = route.rttNanos();
            }
            inMessages += route.inMessages();
            outMessages += route.outMessages();
            inBytes += route.inBytes();
            outBytes += route.outBytes();
            pending += route.pendingBytes();
            interest += route.subscriptionCount();
            configured |= route.isConfigured();
        }
        return new GoObject()
                .put("remote_id", remoteId)
                .put("remote_name", connections.get(0).remoteName())
                .put("state", "connected")
                .put("connections", connections.size())
                .put("is_configured", configured)
                .put("rtt", GoFormats.rtt(rtt))
                .put("rtt_nanos", Math.max(0, rtt))
                .put("in_msgs", inMessages)
                .put("out_msgs", outMessages)
                .put("in_bytes", inBytes)
                .put("out_bytes", outBytes)
                .put("pending_bytes", pending)
                .put("subscriptions", interest);
    }
}
