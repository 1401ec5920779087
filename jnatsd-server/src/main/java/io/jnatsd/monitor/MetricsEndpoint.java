package io.jnatsd.monitor;

import io.jnatsd.server.NatsServer;
import io.jnatsd.server.RouteView;
import io.jnatsd.protocol.Versions;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code /metrics}: the server's counters in the Prometheus text exposition format (0.0.4), so a
 * scraper needs no exporter beside the server. Names start with {@code jnatsd_}; counters end in
 * {@code _total}; each route connection is a series labelled by its {@code rid} and its peer's
 * {@code remote_id} and {@code remote_name} (pool members to one peer share the peer labels);
 * gateway connections likewise ({@link GatewayMetrics}), and leaf connections ({@link LeafMetrics}).
 */
final class MetricsEndpoint implements Endpoint {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final NatsServer server;
    private final ProcessUsage usage;

    MetricsEndpoint(NatsServer server, ProcessUsage usage) {
        this.server = server;
        this.usage = usage;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) {
        ServerCounters counters = ServerCounters.of(server);
        StringBuilder text = new StringBuilder(4096);
        family(text, "jnatsd_info", "gauge", "Server identity; the value is always 1.");
        text.append("jnatsd_info{server_id=\"").append(label(server.serverId()))
                .append("\",server_name=\"").append(label(server.serverName()))
                .append("\",version=\"").append(label(Versions.PROTOCOL_VERSION)).append("\"} 1\n");
        single(text, "jnatsd_connections", "gauge", "Client connections open now.", counters.connections());
        single(text, "jnatsd_connections_total", "counter", "Client connections accepted since start.",
                counters.totalConnections());
        single(text, "jnatsd_subscriptions", "gauge",
                "Subscriptions in all accounts, route-learned and internal ones included.", counters.subscriptions());
        single(text, "jnatsd_in_msgs_total", "counter", "Messages received from clients, routes and leaf nodes.",
                counters.inMessages());
        single(text, "jnatsd_out_msgs_total", "counter", "Messages sent to clients, routes and leaf nodes.",
                counters.outMessages());
        single(text, "jnatsd_in_bytes_total", "counter", "Payload bytes received from clients, routes and leaf nodes.",
                counters.inBytes());
        single(text, "jnatsd_out_bytes_total", "counter", "Payload bytes sent to clients, routes and leaf nodes.",
                counters.outBytes());
        single(text, "jnatsd_slow_consumers_total", "counter", "Connections closed or stalled as slow consumers.",
                counters.slowConsumers());
        single(text, "jnatsd_routes", "gauge", "Route connections open now.", counters.routes().size());
        single(text, "jnatsd_remotes", "gauge", "Peers this server has routes to.", counters.remotes());
        routes(text, counters.routes());
        GatewayMetrics.append(text, server.gateways());
        LeafMetrics.append(text, counters.leafs());
        single(text, "jnatsd_process_resident_memory_bytes", "gauge", "Resident memory of the process.",
                usage.residentBytes());
        Runtime runtime = Runtime.getRuntime();
        single(text, "jnatsd_jvm_heap_used_bytes", "gauge", "Java heap in use.",
                runtime.totalMemory() - runtime.freeMemory());
        return new MonitorResponse(HttpResponseStatus.OK, CONTENT_TYPE,
                text.toString(), false);
    }

    private static void routes(StringBuilder text, List<RouteView> routes) {
        routeFamily(text, routes, "jnatsd_route_up", "gauge", "1 for each open route connection.", route -> 1);
        routeFamily(text, routes, "jnatsd_route_rtt_seconds", "gauge",
                "Last measured round trip of the route connection (0 before the first).",
                route -> Math.max(0, route.rttNanos()) / 1e9);
        routeFamily(text, routes, "jnatsd_route_pending_bytes", "gauge", "Bytes waiting to be written to the peer.",
                RouteView::pendingBytes);
        routeFamily(text, routes, "jnatsd_route_in_msgs_total", "counter", "Messages received on the route.",
                RouteView::inMessages);
        routeFamily(text, routes, "jnatsd_route_out_msgs_total", "counter", "Messages sent on the route.",
                RouteView::outMessages);
        routeFamily(text, routes, "jnatsd_route_subscriptions", "gauge", "Interest the peer announced on the route.",
                RouteView::subscriptionCount);
    }

    private static void routeFamily(StringBuilder text, List<RouteView> routes, String name, String type, String help,
                                    ToDoubleFunction<RouteView> value) {
        family(text, name, type, help);
        for (RouteView route : routes) {
            text.append(name).append("{rid=\"").append(route.rid())
                    .append("\",remote_id=\"").append(label(route.remoteId()))
                    .append("\",remote_name=\"").append(label(route.remoteName()));
            if (route.account() != null) {
                text.append("\",account=\"").append(label(route.account()));
            }
            text.append("\"} ").append(number(value.applyAsDouble(route))).append('\n');
        }
    }

    private static void single(StringBuilder text, String name, String type, String help, double value) {
        family(text, name, type, help);
        text.append(name).append(' ').append(number(value)).append('\n');
    }

    static void family(StringBuilder text, String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Whole numbers without a fraction, others in plain decimal. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.9f", value).replaceAll("0+$", "");
    }

    /** Label values escape backslash, double quote and newline. */
    static String label(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
