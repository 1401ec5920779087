package io.jnatsd.tests.interop;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.tests.cluster.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leaf that dials a hub of its own cluster name is refused ({@code -ERR 'remote leafnode has
 * same cluster name'}) and waits 30 s before dialing again; nats-server 2.10.27 then logs, after
 * the error line, {@code Leafnode connection dropped with same cluster name error. Delaying
 * attempt to reconnect for 30s} (read off its log as the dialing side), and so does jnatsd, here
 * dialing nats-server.
 */
class LeafRejectionLinesInteropTest {
    @TempDir
    Path dir;

    @Test
    void aLeafRefusedForItsClusterNameSaysItWaitsAsNatsServerDoes() throws Exception {
        int leafPort = GoServer.freePort();
        try (GoServer hub = GoServer.start("NATS_SERVER_210", "HUB", "SAME", List.of(), "",
                "leafnodes { listen: \"127.0.0.1:" + leafPort + "\" }\n");
             LogCapture log = LogCapture.of("io.jnatsd.leaf", Level.ERROR)) {
            Path conf = dir.resolve("leaf.conf");
            Files.writeString(conf, "host: 127.0.0.1\nport: -1\ncluster { name: SAME, listen: \"127.0.0.1:-1\" }\n"
                    + "leafnodes { remotes: [ { url: \"nats-leaf://127.0.0.1:" + leafPort + "\" } ] }\n");
            try (JnatsdServer leaf = JnatsdServer.start(ConfigLoader.load(conf))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().stream().anyMatch(line -> line.endsWith(
                        " - Leafnode connection dropped with same cluster name error. Delaying attempt to reconnect for 30s")));
                await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().stream().anyMatch(line -> line.endsWith(
                        " - Leafnode Error 'remote leafnode has same cluster name'")));
            }
        }
    }
}
