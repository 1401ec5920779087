package io.jnatsd.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration file of one server of the bench hub-and-leaf pair: its {@code leafnodes {}}
 * block (leaf nodes can be set nowhere else). The hub listens for leaf nodes; the leaf has the hub
 * as its one remote, bound to the global account on both sides. Compression is off on both ends:
 * nats-server 2.10 would otherwise frame the link as S2 ({@code s2_auto}), which jnatsd's leaf
 * links do not speak yet, and the comparison is of the same plain TCP link.
 */
final class LeafConfigFile {

    private LeafConfigFile() {
    }

    /** @param hubLeafPort the hub's leafnode port, which the leaf dials; 0 for the hub itself */
    static Path write(Path file, String host, int leafPort, int hubLeafPort) throws IOException {
        String text = hubLeafPort > 0
            ? "leafnodes {\n  remotes: [ { url: \"nats://" + host + ":" + hubLeafPort + "\", compression: off } ]\n}\n"
            : "leafnodes {\n  listen: \"" + host + ":" + leafPort + "\"\n  compression: off\n}\n";
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
