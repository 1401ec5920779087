package io.jnatsd.monitor;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.SubjectPermission;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.RouteView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code /routez} (MONITORING.md §4): one entry per route connection, from the server's
 * {@link RouteView}s. {@code server_name} is the configured name, empty when none is set.
 */
final class RoutezEndpoint implements Endpoint {
    private final NatsServer server;

    RoutezEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) throws BadRequestException {
        return MonitorJson.indented(document(query));
    }

    /** The /routez document, also the data of a {@code $SYS.REQ.SERVER.PING.ROUTEZ} reply. */
    GoObject document(QueryParameters query) throws BadRequestException {
        boolean detail = "detail".equalsIgnoreCase(query.text("subs"));
        boolean subscriptions = !detail && query.bool("subs");
        Instant now = Instant.now();
        List<RouteView> routes = server.routeViews();
        ClusterOptions cluster = server.options().cluster();
        ClusterOptions.RoutePermissions permissions = cluster == null ? null : cluster.permissions();
        GoObject routez = new GoObject()
                .put("server_id", server.serverId())
                .put("server_name", server.options().serverName() == null ? "" : server.options().serverName())
                .put("now", GoFormats.timestamp(now));
        addPermissions(routez, permissions);
        return routez
                .put("num_routes", routes.size())
                .put("routes", routes.stream().map(route -> routeInfo(route, now, subscriptions, detail)).toList());
    }

    private static GoObject routeInfo(RouteView route, Instant now, boolean subscriptions, boolean detail) {
        GoObject info = new GoObject()
                .put("rid", route.rid())
                .put("remote_id", route.remoteId())
                .put("remote_name", route.remoteName())
                .put("did_solicit", route.didSolicit())
                .put("is_configured", route.isConfigured())
                .put("ip", route.ip())
                .put("port", route.port())
                .put("start", GoFormats.timestamp(route.start()))
                .put("last_activity", GoFormats.timestamp(route.lastActivity()))
                .put("rtt", GoFormats.rtt(route.rttNanos()))
                .put("uptime", GoFormats.uptime(Duration.between(route.start(), now)))
                .put("idle", GoFormats.uptime(Duration.between(route.lastActivity(), now)));
        addPermissions(info, route.permissions());
        info.put("pending_size", route.pendingBytes())
                .put("in_msgs", route.inMessages())
                .put("out_msgs", route.outMessages())
                .put("in_bytes", route.inBytes())
                .put("out_bytes", route.outBytes())
                .put("subscriptions", route.subscriptionCount());
        if (detail) {
            info.omitEmpty("subscriptions_list_detail", SubscriptionDetails.details(route.subscriptions(), route.rid()));
        } else if (subscriptions) {
            info.omitEmpty("subscriptions_list", SubscriptionDetails.subjects(route.subscriptions()));
        }
        return info.omitEmpty("account", route.account()).omitEmpty("compression", route.compression());
    }

    private static void addPermissions(GoObject target, ClusterOptions.RoutePermissions permissions) {
        if (permissions != null) {
            target.omitEmpty("import", permission(permissions.importPermission()));
            target.omitEmpty("export", permission(permissions.exportPermission()));
        }
    }

    private static GoObject permission(SubjectPermission permission) {
        if (permission == null) {
            return null;
        }
        return new GoObject().omitEmpty("allow", permission.allow()).omitEmpty("deny", permission.deny());
    }
}
