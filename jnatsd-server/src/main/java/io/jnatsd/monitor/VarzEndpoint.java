package io.jnatsd.monitor;

import io.jnatsd.config.AuthorizationOptions;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.TlsOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerStatistics;
import io.jnatsd.protocol.Versions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * {@code /varz} (MONITORING.md §2). Field order and types are nats-server's: nats-top decodes
 * this into the Go struct and prometheus-nats-exporter turns every top-level number into a gauge.
 */
final class VarzEndpoint implements Endpoint {
    private final NatsServer server;
    private final IntSupplier monitorPort;
    private final RequestCounts requestCounts;
    private final ProcessUsage usage;

    VarzEndpoint(NatsServer server, IntSupplier monitorPort, RequestCounts requestCounts, ProcessUsage usage) {
        this.server = server;
        this.monitorPort = monitorPort;
        this.requestCounts = requestCounts;
        this.usage = usage;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) {
        return MonitorJson.indented(document());
    }

    /** The /varz document, also the data of a {@code $SYS.REQ.SERVER.PING.VARZ} reply. */
    GoObject document() {
        ServerOptions options = server.options();
        Instant now = Instant.now();
        GoObject varz = new GoObject()
                .put("server_id", server.serverId())
                .put("server_name", server.serverName())
                .put("version", Versions.PROTOCOL_VERSION)
                .put("proto", 1)
                .put("go", Versions.RUNTIME)
                .put("host", options.host())
                .put("port", server.clientPort())
                .omitEmpty("auth_required", server.authRequired())
                .omitEmpty("tls_required", options.tls() != null && !options.allowNonTls())
                .omitEmpty("tls_verify", options.tls() != null && options.tls().verify())
                .omitEmpty("connect_urls", server.connectUrls())
                .put("max_connections", options.maxConnections())
                .omitEmpty("max_subscriptions", options.maxSubscriptions())
                .put("ping_interval", options.pingInterval().toNanos())
                .put("ping_max", options.pingMax())
                .put("http_host", options.httpHost() != null ? options.httpHost() : options.host())
                .put("http_port", options.httpsPort() != 0 ? 0 : monitorPort.getAsInt())
                .put("http_base_path", options.httpBasePath() == null ? "" : options.httpBasePath())
                .put("https_port", options.httpsPort() != 0 ? monitorPort.getAsInt() : 0)
                .put("auth_timeout", GoFormats.seconds(options.authorization().timeout()))
                .put("max_control_line", options.maxControlLine())
                .put("max_payload", options.maxPayload())
                .put("max_pending", options.maxPending())
                .put("cluster", cluster(options, server.cluster(), server.serverName()))
                .put("gateway", gateway(server.gateways()))
                .put("leaf", LeafVarz.block(server.leafNodes()))
                .put("mqtt", Map.of())
                .put("websocket", WebsocketVarz.block(server))
                .put("jetstream", Map.of())
                .put("tls_timeout", GoFormats.seconds(tlsTimeout(options.tls())))
                .put("write_deadline", options.writeDeadline().toNanos())
                .put("start", GoFormats.timestamp(server.startTime()))
                .put("now", GoFormats.timestamp(now))
                .put("uptime", GoFormats.uptime(Duration.between(server.startTime(), now)))
                .put("mem", usage.residentBytes())
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("gomaxprocs", Runtime.getRuntime().availableProcessors())
                .put("cpu", usage.cpuPercent());
        return varz.putAll(counters()).putAll(trailer());
    }

    /** Connection, traffic and subscription counts: live connections plus the totals of closed ones. */
    private GoObject counters() {
        ServerCounters counters = ServerCounters.of(server);
        return new GoObject()
                .put("connections", counters.connections())
                .put("total_connections", counters.totalConnections())
                .put("routes", counters.routes().size())
                .put("remotes", counters.remotes())
                .put("leafnodes", counters.leafs().size())
                .put("in_msgs", counters.inMessages())
                .put("out_msgs", counters.outMessages())
                .put("in_bytes", counters.inBytes())
                .put("out_bytes", counters.outBytes())
                .put("slow_consumers", counters.slowConsumers())
                .put("subscriptions", counters.subscriptions());
    }

    private GoObject trailer() {
        ServerStatistics statistics = server.statistics();
        return new GoObject()
                .put("http_req_stats", requestCounts.snapshot())
                .put("config_load_time", GoFormats.timestamp(server.configLoadTime()))
                .omitEmpty("tags", server.options().serverTags())
                .omitEmpty("system_account", server.options().systemAccountName())
                .put("slow_consumer_stats", new GoObject()
                        .put("clients", statistics.slowConsumerClients())
                        .put("routes", statistics.slowConsumerRoutes())
                        .put("gateways", statistics.slowConsumerGateways())
                        .put("leafs", statistics.slowConsumerLeafs()));
    }

    /**
     * The gateway block (GATEWAYS.md §6.2): {@code {}} without gateways; {@code port} is the listen
     * port, {@code gateways} the configured remote clusters with the URLs known so far.
     */
    private static Object gateway(io.jnatsd.gateway.Gateways gateways) {
        if (gateways == null) {
            return Map.of();
        }
        io.jnatsd.config.GatewayOptions options = gateways.options();
        List<GoObject> remotes = new java.util.ArrayList<>();
        gateways.configuredRemotes().forEach((name, urls) -> {
            TlsOptions own = options.gateways().stream().filter(r -> name.equals(r.name()) && r.tls() != null)
                    .map(io.jnatsd.config.GatewayOptions.RemoteGateway::tls).findFirst().orElse(null);
            remotes.add(new GoObject().put("name", name)
                    .omitEmpty("tls_timeout", own == null ? 0 : GoFormats.seconds(tlsTimeout(own)))
                    .put("urls", urls));
        });
        return new GoObject()
                .put("name", gateways.name())
                .omitEmpty("host", options.host())
                .put("port", gateways.listenPort())
                .put("auth_timeout", GoFormats.seconds(options.authTimeout()))
                .put("tls_timeout", GoFormats.seconds(tlsTimeout(options.tls())))
                .omitEmpty("tls_required", options.tls() != null)
                .omitEmpty("tls_verify", options.tls() != null)
                .omitEmpty("advertise", options.advertise())
                .omitEmpty("gateways", remotes);
    }

    /**
     * The cluster block: {@code {}} without clustering; compression is not shown (as nats-server).
     * A server with leaf remotes and no cluster block shows its server name, the cluster name its
     * leaf connections carry (LEAFNODES.md §2.2), as nats-server 2.10 does.
     */
    private static GoObject cluster(ServerOptions options, io.jnatsd.cluster.Cluster running, String serverName) {
        GoObject block = new GoObject();
        ClusterOptions cluster = options.cluster();
        if (cluster == null) {
            if (options.leafnodes() != null && !options.leafnodes().remotes().isEmpty()) {
                block.omitEmpty("name", serverName);
            }
            return block;
        }
        return block
                .omitEmpty("name", running == null ? cluster.name() : running.name())
                .omitEmpty("addr", cluster.host())
                .omitEmpty("cluster_port", running == null || running.listenPort() == 0 ? cluster.port()
                        : running.listenPort())
                .omitEmpty("auth_timeout", GoFormats.seconds(cluster.authTimeout() == null
                        ? AuthorizationOptions.DEFAULT_TIMEOUT : cluster.authTimeout()))
                .omitEmpty("urls", cluster.routes().stream().map(VarzEndpoint::hostAndPort).toList())
                .omitEmpty("tls_timeout", GoFormats.seconds(tlsTimeout(cluster.tls())))
                .omitEmpty("tls_required", cluster.tls() != null)
                .omitEmpty("tls_verify", cluster.tls() != null)
                .omitEmpty("pool_size", running == null ? cluster.poolSize() : running.poolSize());
    }

    /** {@code host:port} of a route URL, without user info. */
    private static String hostAndPort(URI route) {
        return route.getPort() < 0 ? route.getHost() : route.getHost() + ":" + route.getPort();
    }

    private static Duration tlsTimeout(TlsOptions tls) {
        return tls == null || tls.timeout() == null ? TlsOptions.DEFAULT_TIMEOUT : tls.timeout();
    }
}
