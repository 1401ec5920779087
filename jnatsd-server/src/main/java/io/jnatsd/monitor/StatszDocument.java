package io.jnatsd.monitor;

import io.jnatsd.server.NatsServer;
import io.jnatsd.server.RouteView;
import java.util.List;

/**
 * The {@code statsz} block of a {@code $SYS.REQ.SERVER.PING} reply (nats-server's ServerStats):
 * what {@code nats server list} shows per server. {@code active_servers} is given by the caller:
 * nats-server counts itself and the servers it hears on the system account, not its routes.
 */
final class StatszDocument {
    private final NatsServer server;
    private final ProcessUsage usage;

    StatszDocument(NatsServer server, ProcessUsage usage) {
        this.server = server;
        this.usage = usage;
    }

    GoObject document(int activeServers) {
        ServerCounters counters = ServerCounters.of(server);
        List<GoObject> routes = counters.routes().stream().map(StatszDocument::routeStat).toList();
        return new GoObject()
                .put("start", GoFormats.timestamp(server.startTime()))
                .put("mem", usage.residentBytes())
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("cpu", usage.cpuPercent())
                .put("connections", counters.connections())
                .put("total_connections", counters.totalConnections())
                .put("active_accounts", counters.activeAccounts())
                .put("subscriptions", counters.subscriptions())
                .put("sent", dataStats(counters.outMessages(), counters.outBytes()))
                .put("received", dataStats(counters.inMessages(), counters.inBytes()))
                .put("slow_consumers", counters.slowConsumers())
                .omitEmpty("routes", routes)
                .put("active_servers", activeServers);
    }

    private static GoObject routeStat(RouteView route) {
        return new GoObject()
                .put("rid", route.rid())
                .omitEmpty("name", route.remoteName())
                .put("sent", dataStats(route.outMessages(), route.outBytes()))
                .put("received", dataStats(route.inMessages(), route.inBytes()))
                .put("pending", route.pendingBytes());
    }

    private static GoObject dataStats(long messages, long bytes) {
        return new GoObject().put("msgs", messages).put("bytes", bytes);
    }
}
