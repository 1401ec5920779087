package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.RouteConnection;
import io.jnatsd.tests.cluster.LogCapture;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nats-server's write deadline on server links: a route or leaf whose peer stops reading (a
 * partition, a hung process) is closed once its socket has taken nothing for two
 * {@code write_deadline}s in a row, each counted as a slow consumer of its kind, long before max_pending
 * (1 GB here) could fill. The peer here never reads after its handshake, with a small receive
 * buffer, and a publisher feeds it until the link is gone. The route case runs against nats-server
 * 2.10 too when {@code NATS_SERVER_210} names one (its log, captured: one "Slow Consumer Detected:
 * WriteDeadline" line for a write that got some bytes out, another for the one that got none,
 * then "Router connection closed: Slow Consumer (Write Deadline)").
 */
class LinkWriteDeadlineTest {
    private static final String CONFIG = "write_deadline: \"1s\"\nmax_pending: 1GB\nmax_payload: 64KB\n";
    private static final int SIZE = 16 * 1024;
    /** Bounds the feeding: 256 MB at most, far below max_pending and far above any socket buffer. */
    private static final int MAX_MESSAGES = 16_384;
    private static final String STALLED_ROUTE = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"name\":\"NSTALLED\",\"cluster\":\"C1\",\"lnoc\":true}\r\n"
            + "INFO {\"server_id\":\"NSTALLED\",\"cluster\":\"C1\",\"host\":\"127.0.0.1\",\"port\":1}\r\n"
            + "RS+ $G stalled\r\n";

    @TempDir
    Path workDirectory;

    @Test
    void aRouteWhosePeerStopsReadingIsClosedAfterTheWriteDeadline() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder()
                .configString(CONFIG + "cluster { name: C1, host: 127.0.0.1, port: -1 }\n");
        try (LogCapture log = LogCapture.of(RouteConnection.class, Level.INFO);
             JnatsdServer server = builder.start();
             RawClient route = RawClient.open(server.server().cluster().listenPort(), 4096);
             Connection publisher = connect(server.clientUrl())) {
            assertThat(route.readLine()).startsWith("INFO ");
            route.send(STALLED_ROUTE);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.server().cluster().routes().size() == 1);
            feedUntil(publisher, () -> server.server().statistics().slowConsumerRoutes() > 0);

            await().atMost(Duration.ofSeconds(15)).until(() -> server.server().cluster().routes().isEmpty());
            // as nats-server counts: the write that got some bytes out, then the one that got none and closed
            assertThat(server.server().statistics().slowConsumerRoutes()).isEqualTo(2);
            assertThat(log.lines()).anyMatch(line -> line.matches(
                    "INFO 127\\.0\\.0\\.1:\\d+ - rid:\\d+ - Slow Consumer Detected: WriteDeadline of 1s exceeded with \\d+ "
                            + "chunks of \\d+ total bytes\\."));
            assertThat(server.server().statistics().slowConsumerClients()).isZero();
            assertThat(publisher.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void natsServerClosesAStalledRouteTheSameWay() throws Exception {
        String binary = GoServerProcess.assumeBinary();
        int clusterPort = freePort();
        try (GoServerProcess go = GoServerProcess.start(binary, workDirectory, CONFIG,
                "--cluster", "nats://127.0.0.1:" + clusterPort, "--cluster_name", "C1")) {
            // nats-server opens its route port after the client port: never dial it before that.
            await().atMost(Duration.ofSeconds(10)).until(() -> go.log().contains("Listening for route connections"));
            stallRouteOf(go, clusterPort);
        }
    }

    private static void stallRouteOf(GoServerProcess go, int clusterPort) throws Exception {
        try (RawClient route = RawClient.open(clusterPort, 4096);
             Connection publisher = connect("nats://127.0.0.1:" + go.port())) {
            assertThat(route.readLine()).startsWith("INFO ");
            route.send(STALLED_ROUTE);
            await().atMost(Duration.ofSeconds(10)).until(() -> go.log().contains("Route connection created"));
            feedUntil(publisher, () -> logContains(go, "Router connection closed"));

            await().atMost(Duration.ofSeconds(15)).until(() -> go.log().contains(
                    "Router connection closed: Slow Consumer (Write Deadline)"));
            assertThat(go.log()).containsPattern("rid:\\d+ - Slow Consumer Detected: WriteDeadline of 1s exceeded with \\d+ "
                    + "chunks of \\d+ total bytes\\.");
        }
    }

    @Test
    void aLeafWhosePeerStopsReadingIsClosedAfterTheWriteDeadline() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder()
                .configString(CONFIG + "leafnodes { host: 127.0.0.1, port: -1 }\n");
        try (JnatsdServer hub = builder.start();
             RawClient leaf = RawClient.open(hub.server().leafNodes().listenPort(), 4096);
             Connection publisher = connect(hub.clientUrl())) {
            assertThat(leaf.readLine()).startsWith("INFO");
            leaf.send("CONNECT {\"version\":\"2.10.27\",\"name\":\"STALLED\",\"cluster\":\"STALLED\"}\r\nLS+ stalled\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 1);
            feedUntil(publisher, () -> hub.server().statistics().slowConsumerLeafs() > 0);

            await().atMost(Duration.ofSeconds(15)).until(() -> hub.server().leafNodes().connectionCount() == 0);
            assertThat(hub.server().statistics().slowConsumerLeafs()).isEqualTo(2);
            assertThat(hub.server().statistics().slowConsumerClients()).isZero();
            assertThat(publisher.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    /** Publishes until {@code done} or the bound; round trips keep the publisher itself from being the slow one. */
    private static void feedUntil(Connection publisher, BooleanSupplier done) throws Exception {
        byte[] payload = new byte[SIZE];
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int i = 0; i < MAX_MESSAGES && !done.getAsBoolean() && System.nanoTime() < deadline; i++) {
            publisher.publish("stalled", payload);
            if (i % 64 == 63) {
                publisher.flush(Duration.ofSeconds(10));
            }
        }
    }

    private static boolean logContains(GoServerProcess go, String text) {
        try {
            return go.log().contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(10)).build());
    }
}
