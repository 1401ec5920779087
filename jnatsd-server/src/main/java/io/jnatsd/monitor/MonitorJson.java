package io.jnatsd.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.PlainDocumentWriter;
import io.jnatsd.protocol.PlainJson;

/**
 * Renders endpoint answers: indented like nats-server's {@code MarshalIndent}, or compact for
 * /healthz. Documents of maps, lists, strings and numbers are written without the mapper, byte
 * for byte the same ({@link PlainDocumentWriter}): a fresh server's first answers (a supervisor
 * polling {@code /varz} or {@code /healthz} while the server starts) then do not build it.
 */
final class MonitorJson {
    private MonitorJson() {
    }

    static MonitorResponse indented(Object value) {
        try {
            return MonitorResponse.json(PlainDocumentWriter.writeIndented(value));
        } catch (PlainJson.NotPlain notPlain) {
            try {
                return MonitorResponse.json(GoJson.indented().writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("monitoring JSON", e);
            }
        }
    }

    static String compact(Object value) {
        try {
            return PlainDocumentWriter.write(value);
        } catch (PlainJson.NotPlain notPlain) {
            try {
                return GoJson.compact().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("monitoring JSON", e);
            }
        }
    }
}
