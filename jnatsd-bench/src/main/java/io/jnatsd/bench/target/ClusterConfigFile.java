package io.jnatsd.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration file of one cluster member: only the {@code cluster {}} block, because
 * route compression and route TLS can be set nowhere else; everything else stays on the command
 * line, which both servers let override the file.
 */
final class ClusterConfigFile {

    private ClusterConfigFile() {
    }

    /**
     * @param seedRoutePort the route port this server dials, or 0 for none (server A)
     * @param certificates the route certificates, required when the variant asks for TLS
     */
    static Path write(Path file, String clusterName, String host, int routePort, int seedRoutePort,
                      RouteVariant variant, RouteCertificates certificates) throws IOException {
        StringBuilder text = new StringBuilder("cluster {\n")
            .append("  name: ").append(clusterName).append('\n')
            .append("  listen: \"").append(host).append(':').append(routePort).append("\"\n");
        if (seedRoutePort > 0) {
            text.append("  routes: [\"nats-route://").append(host).append(':').append(seedRoutePort).append("\"]\n");
        }
        if (variant.compression() != null) {
            text.append("  compression: ").append(variant.compression()).append('\n');
        }
        if (variant.tls()) {
            text.append("  tls {\n")
                .append("    cert_file: ").append(quoted(certificates.certificate())).append('\n')
                .append("    key_file: ").append(quoted(certificates.key())).append('\n')
                .append("    ca_file: ").append(quoted(certificates.authority())).append('\n')
                .append("    verify: true\n")
                .append("    timeout: 5\n")
                .append("  }\n");
        }
        text.append("}\n");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String quoted(Path path) {
        return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
