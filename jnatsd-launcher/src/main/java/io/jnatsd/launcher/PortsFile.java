package io.jnatsd.launcher;

import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.WebsocketOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --ports_file_dir} file, {@code jnatsd_<pid>.ports}: a JSON object with where the
 * server listens, so that a supervisor of a server started on random ports can find them.
 * Same shape as nats-server's, e.g. {@code {"nats":["nats://127.0.0.1:4222"]}}, with its keys
 * {@code nats}, {@code monitoring}, {@code cluster} and {@code websocket}; keys without a
 * listener are left out.
 */
final class PortsFile {
    static final String EXECUTABLE_NAME = "jnatsd";

    private PortsFile() {
    }

    static Path path(Path directory, long pid) {
        return directory.resolve(EXECUTABLE_NAME + "_" + pid + ".ports");
    }

    /**
     * The document for a running server: its client URLs ({@code tls://} when clients must use
     * TLS), monitoring ({@code https://} for an HTTPS port), route and websocket listeners.
     */
    static String json(JnatsdServer running) {
        ServerOptions options = running.options();
        String monitorHost = options.httpHost() != null ? options.httpHost() : options.host();
        StringBuilder json = new StringBuilder("{");
        boolean tls = options.tls() != null && !options.allowNonTls();
        appendList(json, "nats", ListenUrls.of(tls ? "tls" : "nats", options.host(), running.port()));
        if (running.monitorPort() > 0) {
            json.append(',');
            appendList(json, "monitoring", ListenUrls.of(options.httpsPort() != 0 ? "https" : "http", monitorHost,
                    running.monitorPort()));
        }
        Cluster cluster = running.server().cluster();
        if (cluster != null) {
            json.append(',');
            ClusterOptions routes = options.cluster();
            String host = routes.host() == null ? options.host() : routes.host();
            appendList(json, "cluster", ListenUrls.of(routes.tls() != null ? "tls" : "nats", host, cluster.listenPort()));
        }
        if (running.server().websocketPort() > 0) {
            json.append(',');
            WebsocketOptions websocket = options.websocket();
            String host = websocket.host() == null ? options.host() : websocket.host();
            appendList(json, "websocket", ListenUrls.of(websocket.tls() != null ? "wss" : "ws", host,
                    running.server().websocketPort()));
        }
        return json.append('}').toString();
    }

    private static void appendList(StringBuilder json, String key, List<String> values) {
        json.append('"').append(key).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        json.append(']');
    }
}
