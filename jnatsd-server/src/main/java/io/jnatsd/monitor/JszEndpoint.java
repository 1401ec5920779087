package io.jnatsd.monitor;

import io.jnatsd.server.NatsServer;
import java.time.Instant;

/** {@code /jsz} of a server without JetStream (MONITORING.md §9): {@code disabled} and zeros. */
final class JszEndpoint implements Endpoint {
    private final NatsServer server;

    JszEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) throws BadRequestException {
        for (String flag : new String[] {"accounts", "streams", "consumers", "config"}) {
            query.bool(flag);
        }
        query.integer("offset");
        query.integer("limit");
        query.bool("leader-only");
        return MonitorJson.indented(new GoObject()
                .put("server_id", server.serverId())
                .put("now", GoFormats.timestamp(Instant.now()))
                .put("disabled", true)
                .put("config", new GoObject().put("max_memory", 0).put("max_storage", 0))
                .put("memory", 0)
                .put("storage", 0)
                .put("reserved_memory", 0)
                .put("reserved_storage", 0)
                .put("accounts", 0)
                .put("ha_assets", 0)
                .put("api", new GoObject().put("total", 0).put("errors", 0))
                .put("streams", 0)
                .put("consumers", 0)
                .put("messages", 0)
                .put("bytes", 0));
    }
}
