package io.jnatsd.monitor;

import io.jnatsd.server.NatsServer;
import java.time.Instant;
import java.util.List;

/** {@code /leafz}: jnatsd has no leaf nodes, so the list is always empty but shaped as nats-server's. */
final class LeafzEndpoint implements Endpoint {
    private final NatsServer server;

    LeafzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) throws BadRequestException {
        query.bool("subs");
        return MonitorJson.indented(new GoObject()
                .put("server_id", server.serverId())
                .put("now", GoFormats.timestamp(Instant.now()))
                .put("leafnodes", 0)
                .put("leafs", List.of()));
    }
}
