package io.jnatsd.monitor;

import io.jnatsd.server.NatsServer;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps request paths to endpoints. Every endpoint lives below {@code http_base_path}; the index
 * page is the base path itself ({@code /} without one). Requests are counted per endpoint under
 * the path without the base, as nats-server's {@code http_req_stats} does, so {@code /subscriptionsz}
 * counts as {@code /subsz}.
 */
final class MonitorRoutes {
    private final Map<String, Route> routes = new HashMap<>();
    private final RequestCounts counts;

    MonitorRoutes(MonitorDocuments documents) {
        NatsServer server = documents.server();
        this.counts = documents.requestCounts;
        String base = normalizeBasePath(server.options().httpBasePath());
        add(base.isEmpty() ? "/" : base, "/", new IndexPage(base));
        add(base + "/varz", "/varz", documents.varz);
        add(base + "/connz", "/connz", documents.connz);
        add(base + "/routez", "/routez", documents.routez);
        add(base + "/subsz", "/subsz", documents.subsz);
        add(base + "/subscriptionsz", "/subsz", documents.subsz);
        add(base + "/accountz", "/accountz", new AccountzEndpoint(server));
        add(base + "/accstatz", "/accstatz", new AccstatzEndpoint(server));
        add(base + "/leafz", "/leafz", documents.leafz);
        add(base + "/gatewayz", "/gatewayz", documents.gatewayz);
        add(base + "/jsz", "/jsz", new JszEndpoint(server));
        add(base + "/healthz", "/healthz", documents.healthz);
        add(base + "/metrics", "/metrics", new MetricsEndpoint(server, documents.usage()));
        add(base + "/clusterz", "/clusterz", new ClusterzEndpoint(server));
        add(base + "/dashboard", "/dashboard", new DashboardPage());
    }

    private void add(String path, String countedAs, Endpoint endpoint) {
        routes.put(path, new Route(countedAs, endpoint));
    }

    MonitorResponse answer(String path, QueryParameters query) throws BadRequestException {
        Route route = routes.get(path);
        if (route == null) {
            return MonitorResponse.notFound();
        }
        counts.count(route.countedAs());
        return route.endpoint().answer(query).withCallback(query.get("callback"));
    }

    /** {@code mon}, {@code /mon/} and {@code /mon} all mean {@code /mon}; empty and {@code /} mean none. */
    static String normalizeBasePath(String basePath) {
        if (basePath == null) {
            return "";
        }
        String path = basePath.startsWith("/") ? basePath : "/" + basePath;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private record Route(String countedAs, Endpoint endpoint) {
    }
}
