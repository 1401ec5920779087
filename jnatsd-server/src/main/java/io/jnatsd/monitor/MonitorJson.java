package io.jnatsd.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.protocol.GoJson;

/** Renders endpoint answers: indented like nats-server's {@code MarshalIndent}, or compact for /healthz. */
final class MonitorJson {
    private MonitorJson() {
    }

    static MonitorResponse indented(Object value) {
        try {
            return MonitorResponse.json(GoJson.indented().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("monitoring JSON", e);
        }
    }

    static String compact(Object value) {
        try {
            return GoJson.compact().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("monitoring JSON", e);
        }
    }
}
