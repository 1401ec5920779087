package io.jnatsd.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --ports_file_dir} file, {@code jnatsd_<pid>.ports}: a JSON object with where the
 * server listens, so that a supervisor of a server started on random ports can find them.
 * Same shape as nats-server's, e.g. {@code {"nats":["nats://127.0.0.1:4222"]}}; keys without
 * a listener are left out.
 */
final class PortsFile {
    static final String EXECUTABLE_NAME = "jnatsd";

    private PortsFile() {
    }

    static Path path(Path directory, long pid) {
        return directory.resolve(EXECUTABLE_NAME + "_" + pid + ".ports");
    }

    static String json(String host, int clientPort, String monitorHost, int monitorPort) {
        StringBuilder json = new StringBuilder("{");
        appendList(json, "nats", ListenUrls.of("nats", host, clientPort));
        if (monitorPort > 0) {
            json.append(',');
            appendList(json, "monitoring", ListenUrls.of("http", monitorHost, monitorPort));
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
