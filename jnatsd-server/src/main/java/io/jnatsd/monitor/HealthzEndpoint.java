package io.jnatsd.monitor;

import io.jnatsd.server.NatsServer;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /healthz} (MONITORING.md §6), compact JSON. Without JetStream the only unhealthy state is
 * shutting down: 503 with {@code status_code} and {@code error}. The JetStream options are decoded
 * (a bad boolean is a 400) and otherwise have nothing to check.
 */
final class HealthzEndpoint implements Endpoint {
    private static final String OK = "{\"status\":\"ok\"}";

    private final NatsServer server;

    HealthzEndpoint(NatsServer server) {
        this.server = server;
    }

    boolean healthy() {
        return !server.shuttingDown();
    }

    @Override
    public MonitorResponse answer(QueryParameters query) throws BadRequestException {
        for (String flag : new String[] {"js-enabled", "js-enabled-only", "js-server-only", "details"}) {
            query.bool(flag);
        }
        if (healthy()) {
            return MonitorResponse.json(OK);
        }
        String unavailable = MonitorJson.compact(new GoObject()
                .put("status", "unavailable")
                .put("status_code", HttpResponseStatus.SERVICE_UNAVAILABLE.code())
                .put("error", "server is shutting down"));
        return MonitorResponse.json(unavailable).withStatus(HttpResponseStatus.SERVICE_UNAVAILABLE);
    }
}
