package io.jnatsd.monitor;

import io.jnatsd.server.NatsServer;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Maps monitoring paths (below {@code http_base_path}) to the endpoint that answers them. */
final class MonitorRoutes {
    private final NatsServer server;

    MonitorRoutes(NatsServer server) {
        this.server = server;
    }

    MonitorResponse answer(String path, QueryParameters query) throws BadRequestException {
        return switch (path) {
            case "/healthz" -> MonitorResponse.json("{\"status\":\"ok\"}");
            default -> MonitorResponse.text(HttpResponseStatus.NOT_FOUND, "404 page not found");
        };
    }
}
