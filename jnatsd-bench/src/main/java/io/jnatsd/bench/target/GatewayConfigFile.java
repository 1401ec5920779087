package io.jnatsd.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration file of one server of the bench supercluster: its {@code gateway {}} block
 * (gateways can be set nowhere else). Each server is a cluster of one, named as its gateway.
 */
final class GatewayConfigFile {

    private GatewayConfigFile() {
    }

    /** @param seedGatewayPort the gateway port of cluster A, which B names as its seed; 0 for A itself */
    static Path write(Path file, String name, String host, int gatewayPort, int seedGatewayPort) throws IOException {
        StringBuilder text = new StringBuilder("gateway {\n")
            .append("  name: ").append(name).append('\n')
            .append("  listen: \"").append(host).append(':').append(gatewayPort).append("\"\n");
        if (seedGatewayPort > 0) {
            text.append("  gateways: [ { name: A, url: \"nats://").append(host).append(':').append(seedGatewayPort)
                .append("\" } ]\n");
        }
        text.append("}\n");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
