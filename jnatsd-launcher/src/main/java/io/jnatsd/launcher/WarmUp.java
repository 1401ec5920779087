package io.jnatsd.launcher;

import com.fasterxml.jackson.annotation.JsonValue;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.route.RouteConnect;
import io.jnatsd.protocol.route.RouteInfo;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, on a thread of its own while the main thread starts the server, what the server's
 * first links and TLS clients would otherwise wait for (docs/STARTUP.md):
 * <ul>
 * <li>with routes, gateways or leaf nodes configured, the JSON mapper that reads their INFO and
 * CONNECT. Building it (some 600 classes, then reflection over the option classes) costs a fresh
 * JVM more than the rest of its first connection together. A client's CONNECT does not need it
 * ({@code ConnectJson}), so a server without links starts no mapper and no thread;
 * <li>with TLS configured, the JDK's TLS provider, whose classes and default trust store the TLS
 * set-up on the main thread needs as well.
 * </ul>
 *
 * <p>Only pure computations on sample values: nothing is connected, counted or logged, so the
 * server behaves as if this had never run. A sample that fails to parse would fail the same
 * way for a peer, which reports it; here it is only noted at debug level.
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private static final String ROUTE_INFO = "{\"server_id\":\"NWARMUP\",\"server_name\":\"warm-up\","
            + "\"version\":\"2.10.27\",\"proto\":1,\"host\":\"127.0.0.1\",\"port\":6222,\"headers\":true,"
            + "\"tls_required\":false,\"max_payload\":1048576,\"ip\":\"nats-route://127.0.0.1:6222/\","
            + "\"cluster\":\"c\",\"connect_urls\":[\"127.0.0.1:4222\"],\"lnoc\":true,\"route_pool_size\":3,"
            + "\"route_pool_idx\":1}";
    private static final String ROUTE_CONNECT = "{\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"server_id\":\"NWARMUP\",\"name\":\"warm-up\","
            + "\"cluster\":\"c\",\"lnoc\":true}";

    private WarmUp() {
    }

    /**
     * @param tls start the JDK's TLS provider (its classes, the default trust store)
     * @param links build the JSON mapper that route, gateway and leaf INFO and CONNECT need
     * @param training the start that records the class archive: both, and a TLS handshake ({@link TlsTraining})
     * @return the thread, or null when there is nothing to warm up
     */
    static Thread startInBackground(boolean tls, boolean links, boolean training) {
        if (!tls && !links && !training) {
            return null;
        }
        Thread thread = new Thread(() -> {
            run(tls || training, links || training);
            if (training) {
                train();
            }
        }, "jnatsd-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void train() {
        try {
            TlsTraining.handshake();
        } catch (Exception e) {
            LOG.debug("TLS training stopped: {}", e.toString());
        }
        trainMapper();
    }

    /**
     * The JSON mapper, written to and read from as the system account and the monitoring
     * endpoints did before they wrote their plain documents themselves, so that the archive still
     * holds its classes for what uses it (gateway and leaf INFO/CONNECT, irregular documents,
     * requests with options): nothing else in the training start builds it any more.
     */
    private static void trainMapper() {
        try {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("server", Map.of("id", "NTRAINING", "seq", 1L, "jetstream", false));
            document.put("statsz", new Fields(Map.of("cpu", 1.5, "routes", List.of(Map.of("rid", 1)))));
            String json = GoJson.compact().writeValueAsString(document);
            GoJson.indented().writeValueAsString(document);
            GoJson.compact().readTree(json).path("server").path("id").asText("");
        } catch (IOException | RuntimeException e) {
            LOG.debug("Mapper training stopped: {}", e.toString());
        }
    }

    /** A document the mapper writes as its map of fields, as the monitoring documents are. */
    private static final class Fields {
        private final Map<String, Object> fields;

        Fields(Map<String, Object> fields) {
            this.fields = fields;
        }

        @JsonValue
        Map<String, Object> fields() {
            return fields;
        }
    }

    private static void run(boolean tls, boolean links) {
        try {
            if (tls) {
                SSLEngine engine = SSLContext.getDefault().createSSLEngine();
                engine.setUseClientMode(false);
                engine.getSupportedCipherSuites();
            }
            if (links) {
                RouteInfo.parse(ROUTE_INFO).json();
                RouteConnect.parse(ROUTE_CONNECT).line();
            }
        } catch (GeneralSecurityException | ProtocolException | RuntimeException e) {
            LOG.debug("Warm-up stopped: {}", e.toString());
        }
    }
}
