package io.jnatsd.monitor;

import io.jnatsd.server.NatsServer;
import java.time.Instant;
import java.util.Map;

/** {@code /gatewayz}: jnatsd has no gateways; nats-server then shows two empty maps. */
final class GatewayzEndpoint implements Endpoint {
    private final NatsServer server;

    GatewayzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) throws BadRequestException {
        query.bool("accs");
        return MonitorJson.indented(new GoObject()
                .put("server_id", server.serverId())
                .put("now", GoFormats.timestamp(Instant.now()))
                .put("outbound_gateways", Map.of())
                .put("inbound_gateways", Map.of()));
    }
}
