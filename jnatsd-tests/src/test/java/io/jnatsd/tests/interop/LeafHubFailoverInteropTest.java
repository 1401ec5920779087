package io.jnatsd.tests.interop;

import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hub cluster of a nats-server 2.10.27 and a jnatsd, each taking leaf nodes: each tells the other
 * its leaf URL in route INFO ({@code leafnode_urls}), so a leaf of either, configured with its own
 * hub alone, fails over to the other hub when its own goes. A nats-server leaf on the Go hub moves
 * to jnatsd; a jnatsd leaf on the jnatsd hub moves to the Go hub.
 */
class LeafHubFailoverInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String GO = "NATS_SERVER_210";

    @Test
    void aGoLeafFailsOverToTheJnatsdHubItWasToldOf() throws Exception {
        GoServer.binary(GO);
        int goLeafPort = GoServer.freePort();
        GoServer goHub = GoServer.start(GO, "GH", "HUB", List.of(), "",
                "leafnodes { listen: \"127.0.0.1:" + goLeafPort + "\" }");
        boolean goHubRunning = true;
        try (JnatsdServer jnatsdHub = JnatsdServer.builder().configString("server_name: JH\n"
                     + "leafnodes { host: 127.0.0.1, port: -1 }\ncluster { name: HUB, listen: 127.0.0.1:-1, routes: "
                     + "[\"nats://127.0.0.1:" + goHub.clusterPort + "\"] }\n").start();
             GoServer goLeaf = GoServer.start(GO, "GL", "GLC", List.of(), "",
                     "leafnodes { remotes: [ { url: \"nats://127.0.0.1:" + goLeafPort + "\" } ] }")) {
            await().atMost(WAIT).until(() -> jnatsdHub.server().cluster().remoteCount() == 1
                    && goHub.monitor("leafz").path("leafnodes").asInt() == 1);
            String jnatsdLeafUrl = "127.0.0.1:" + jnatsdHub.server().leafNodes().listenPort();
            await().atMost(WAIT).until(() -> leafInfo(goLeafPort).contains(jnatsdLeafUrl));
            goHub.close();
            goHubRunning = false;
            await().atMost(WAIT).until(() -> jnatsdHub.server().leafNodes().connectionCount() == 1);
        } finally {
            if (goHubRunning) {
                goHub.close();
            }
        }
    }

    @Test
    void aJnatsdLeafFailsOverToTheGoHubItWasToldOf() throws Exception {
        GoServer.binary(GO);
        int goLeafPort = GoServer.freePort();
        try (GoServer goHub = GoServer.start(GO, "GH", "HUB", List.of(), "",
                "leafnodes { listen: \"127.0.0.1:" + goLeafPort + "\" }")) {
            JnatsdServer jnatsdHub = JnatsdServer.builder().configString("server_name: JH\n"
                    + "leafnodes { host: 127.0.0.1, port: -1 }\ncluster { name: HUB, listen: 127.0.0.1:-1, routes: "
                    + "[\"nats://127.0.0.1:" + goHub.clusterPort + "\"] }\n").start();
            boolean jnatsdHubRunning = true;
            try (JnatsdServer leaf = JnatsdServer.builder().configString("server_name: JL\nleafnodes { remotes: [ "
                    + "{ url: \"nats://127.0.0.1:" + jnatsdHub.server().leafNodes().listenPort() + "\" } ] }\n").start()) {
                await().atMost(WAIT).until(() -> jnatsdHub.server().cluster().remoteCount() == 1
                        && jnatsdHub.server().leafNodes().connectionCount() == 1);
                jnatsdHub.close();
                jnatsdHubRunning = false;
                await().atMost(WAIT).until(() -> goHub.monitor("leafz").path("leafnodes").asInt() == 1
                        && leaf.server().leafNodes().connectionCount() == 1);
            } finally {
                if (jnatsdHubRunning) {
                    jnatsdHub.close();
                }
            }
        }
    }

    /** The first INFO of a leaf port: the hub's {@code leafnode_urls} are in it. */
    private static String leafInfo(int port) throws java.io.IOException {
        try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
            probe.setSoTimeout(2000);
            StringBuilder line = new StringBuilder();
            for (int b = probe.getInputStream().read(); b >= 0 && b != '\n'; b = probe.getInputStream().read()) {
                line.append((char) b);
            }
            return line.toString();
        }
    }
}
