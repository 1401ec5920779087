package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * nats-server's write deadline on server links: a route or leaf whose peer stops reading (a
 * partition, a hung process) is closed once its socket has taken nothing for
 * {@code write_deadline}, counted as a slow consumer of its kind, long before max_pending
 * (1 GB here) could fill. The peer here never reads after its handshake, with a small receive
 * buffer, and a publisher feeds it until the link is gone.
 */
class LinkWriteDeadlineTest {
    private static final String CONFIG = "write_deadline: \"1s\"\nmax_pending: 1GB\nmax_payload: 64KB\n";
    private static final int SIZE = 16 * 1024;
    /** Bounds the feeding: 256 MB at most, far below max_pending and far above any socket buffer. */
    private static final int MAX_MESSAGES = 16_384;

    @Test
    void aRouteWhosePeerStopsReadingIsClosedAfterTheWriteDeadline() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder()
                .configString(CONFIG + "cluster { name: C1, host: 127.0.0.1, port: -1 }\n");
        try (JnatsdServer server = builder.start();
             RawClient route = RawClient.open(server.server().cluster().listenPort(), 4096);
             Connection publisher = connect(server)) {
            assertThat(route.readLine()).startsWith("INFO ");
            route.send("CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,\"tls_required\":false,"
                    + "\"headers\":true,\"name\":\"NSTALLED\",\"cluster\":\"C1\",\"lnoc\":true}\r\n"
                    + "INFO {\"server_id\":\"NSTALLED\",\"cluster\":\"C1\",\"host\":\"127.0.0.1\",\"port\":1}\r\n"
                    + "RS+ $G stalled\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.server().cluster().routes().size() == 1);
            feedUntil(publisher, () -> server.server().statistics().slowConsumerRoutes() > 0);

            await().atMost(Duration.ofSeconds(15)).until(() -> server.server().statistics().slowConsumerRoutes() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.server().cluster().routes().isEmpty());
            assertThat(server.server().statistics().slowConsumerClients()).isZero();
            assertThat(publisher.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void aLeafWhosePeerStopsReadingIsClosedAfterTheWriteDeadline() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder()
                .configString(CONFIG + "leafnodes { host: 127.0.0.1, port: -1 }\n");
        try (JnatsdServer hub = builder.start();
             RawClient leaf = RawClient.open(hub.server().leafNodes().listenPort(), 4096);
             Connection publisher = connect(hub)) {
            assertThat(leaf.readLine()).startsWith("INFO");
            leaf.send("CONNECT {\"version\":\"2.10.27\",\"name\":\"STALLED\",\"cluster\":\"STALLED\"}\r\nLS+ stalled\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 1);
            feedUntil(publisher, () -> hub.server().statistics().slowConsumerLeafs() > 0);

            await().atMost(Duration.ofSeconds(15)).until(() -> hub.server().statistics().slowConsumerLeafs() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 0);
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

    private static Connection connect(JnatsdServer server) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl())
                .connectionTimeout(Duration.ofSeconds(10)).build());
    }
}
