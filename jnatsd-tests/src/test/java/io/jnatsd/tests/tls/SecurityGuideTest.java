package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/SECURITY.md's example configuration, run as written: two nodes from the one file (paths
 * pointed at generated certificates, addresses at free local ports) form a TLS route with
 * authorization, and clients are who their certificates say, with those users' permissions.
 */
class SecurityGuideTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private static final Pattern TESTED_BLOCK = Pattern.compile(
            "<!-- tested by SecurityGuideTest: jnatsd.conf -->\\s*```\\n(.*?)```", Pattern.DOTALL);
    private final List<JnatsdServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(JnatsdServer::close);
    }

    @Test
    void theDocumentedConfigurationSecuresClientsAndRoutes() throws Exception {
        String config = documentedConfig();
        int routePortA = freePort();
        int routePortB = freePort();
        JnatsdServer a = start(config, "node-a", routePortA, routePortA, routePortB);
        JnatsdServer b = start(config, "node-b", routePortB, routePortA, routePortB);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(a.server().cluster().remoteCount()).isEqualTo(1);
            assertThat(b.server().cluster().remoteCount()).isEqualTo(1);
        });
        try (Connection alice = ClientTlsTest.connect(a, TestPki.clientContext(PKI.alice, PKI.ca));
             Connection bob = ClientTlsTest.connect(b, TestPki.clientContext(PKI.bob, PKI.ca))) {
            Subscription orders = bob.subscribe("orders.>");
            bob.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                alice.publish("orders.new", "one".getBytes());
                Message message = orders.nextMessage(Duration.ofMillis(300));
                assertThat(message).as("alice's order reaches bob over the TLS route").isNotNull();
            });
            Subscription aliceOrders = alice.subscribe("orders.>");
            alice.flush(Duration.ofSeconds(2));
            bob.publish("orders.forged", "no".getBytes());
            bob.flush(Duration.ofSeconds(2));
            assertThat(aliceOrders.nextMessage(Duration.ofMillis(500))).as("bob may not publish orders").isNull();
        }
        try (RawClient noCertificate = new RawClient(a.port())) {
            noCertificate.readLine();
            noCertificate.upgrade(TestPki.clientContext(null, PKI.ca));
            assertThat(noCertificate.refusesConnect()).isTrue();
        } catch (IOException refusedDuringHandshake) {
            // also a refusal
        }
        try (RawClient plainRoute = new RawClient(routePortA)) {
            plainRoute.send("CONNECT {\"user\":\"route\",\"pass\":\"change-me\"}\r\n");
            assertThat(plainRoute.readLine()).as("no INFO in clear on the route port").isEmpty();
        }
    }

    private static String documentedConfig() throws IOException {
        Path guide = Path.of("..", "docs", "SECURITY.md");
        Matcher block = TESTED_BLOCK.matcher(Files.readString(guide));
        assertThat(block.find()).as("the tested block in " + guide.toAbsolutePath()).isTrue();
        return block.group(1);
    }

    /** Loads the documented file for one node: certificate paths, hosts and ports made local. */
    private JnatsdServer start(String documented, String name, int ownRoutePort, int routePortA, int routePortB)
            throws Exception {
        String config = documented
                .replace("/etc/jnatsd/certs/", PKI.dir.toString() + "/")
                .replace("listen: 0.0.0.0:4222", "listen: 127.0.0.1:-1")
                .replace("listen: 0.0.0.0:6222", "listen: 127.0.0.1:" + ownRoutePort)
                .replace("node-a:6222", "127.0.0.1:" + routePortA)
                .replace("node-b:6222", "127.0.0.1:" + routePortB);
        assertThat(config).doesNotContain("/etc/jnatsd", "0.0.0.0", "node-");
        Path file = Files.createTempFile("jnatsd-guide-", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, "server_name: " + name + "\n" + config);
        JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
        servers.add(server);
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
