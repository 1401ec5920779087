package io.jnatsd.tests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A stream of bad connections to every port (garbage, abandoned handshakes, clients and routes
 * that subscribe to many subjects and vanish, half-sent messages, half-sent HTTP requests) in two
 * equal phases. After each phase, with a full GC: no connection object, channel or subscription
 * of a bad connection is still alive, the closed-connection ring holds at most
 * {@code max_closed_clients}, and the heap retained after the second phase is not larger than
 * after the first beyond a small allowance, so memory plateaus instead of creeping.
 */
class BadConnectionSoakTest {
    /** Small, so the ring of closed connections (and the subscriptions it keeps) is full within phase 1. */
    private static final int MAX_CLOSED_CLIENTS = 10;
    private static final long HEAP_ALLOWANCE_BYTES = 4L << 20;
    /** What the closed ring keeps of each closed client, as nats-server does: its size varies with the ring's content. */
    private static final String CLOSED_RING_CONTENT = "io.jnatsd.server.SubscriptionSnapshot";
    private static final int SUBSCRIPTIONS_PER_CLIENT = 200;
    /** More new live objects of one jnatsd class than this in phase 2 is growth per connection. */
    private static final long MAX_CLASS_GROWTH = 20;

    private static long clientsBefore;
    private static long routesBefore;

    @Test
    void memoryPlateausUnderAStreamOfBadConnections() throws Exception {
        FuzzSettings settings = FuzzSettings.forTest(20261107L);
        // Connections of earlier test classes in this JVM may still be reachable: counts are
        // bounded by what was alive before this server started, plus its own.
        HeapHistogram before = HeapHistogram.take();
        clientsBefore = before.count("io.jnatsd.client.ClientConnection");
        routesBefore = before.count("io.jnatsd.cluster.RouteConnection");
        JnatsdServer.Builder builder = JnatsdServer.builder().monitorPort(-1);
        builder.options().maxClosedClients(MAX_CLOSED_CLIENTS)
                .cluster(ClusterOptions.listen("127.0.0.1", 0).withName("SOAK"));
        try (LogWatch log = new LogWatch();
             JnatsdServer server = builder.start();
             Bystander bystander = new Bystander(server.clientUrl(), server.clientUrl())) {
            BadConnections bad = new BadConnections(server, new Random(settings.seed()));
            Duration phase = settings.duration().dividedBy(2).plusMillis(500);
            HeapHistogram baseline = settled(server);

            int first = bad.runFor(phase, bystander);
            HeapHistogram afterFirst = settled(server);
            int second = bad.runFor(phase, bystander);
            HeapHistogram afterSecond = settled(server);

            System.out.printf("soak: %d + %d bad connections; retained heap %,d -> %,d -> %,d B; growth in phase 2:%s%n",
                    first, second, baseline.totalBytes(), afterFirst.totalBytes(), afterSecond.totalBytes(),
                    afterSecond.topGrowth(afterFirst, 6));
            assertNoConnectionRetained(baseline, afterSecond, first + second);
            assertThat(afterSecond.grownClasses(afterFirst, "io.jnatsd.", MAX_CLASS_GROWTH))
                    .filteredOn(grown -> !grown.startsWith(CLOSED_RING_CONTENT))
                    .as("jnatsd objects that grew in phase 2 (%d bad connections)", second).isEmpty();
            assertThat(afterSecond.totalBytes() - afterFirst.totalBytes())
                    .as("heap growth in phase 2; top growth:%s", afterSecond.topGrowth(afterFirst, 8))
                    .isLessThan(HEAP_ALLOWANCE_BYTES);
            bystander.roundTrip("after the soak");
            assertThat(log.problems()).as("stack traces or leaks logged (seed %d)", settings.seed()).isEmpty();
        }
    }

    /**
     * Waits until only the bystander pair is connected and, after a full GC, no other connection
     * object is alive (a closed connection may stay reachable a moment from a timer it had).
     */
    private static HeapHistogram settled(JnatsdServer server) throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> server.server().clients().size() == 2
                && server.server().routeViews().isEmpty());
        HeapHistogram[] last = new HeapHistogram[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = HeapHistogram.take();
            return last[0].count("io.jnatsd.client.ClientConnection") <= clientsBefore + 2
                    && last[0].count("io.jnatsd.cluster.RouteConnection") <= routesBefore;
        });
        return last[0];
    }

    private static void assertNoConnectionRetained(HeapHistogram baseline, HeapHistogram heap, int badConnections) {
        assertThat(heap.count("io.jnatsd.client.ClientConnection")).as("client connections alive")
                .isLessThanOrEqualTo(clientsBefore + 2);
        assertThat(heap.count("io.jnatsd.cluster.RouteConnection")).as("route connections alive")
                .isLessThanOrEqualTo(routesBefore);
        assertThat(heap.count("io.jnatsd.dispatch.Subscription")).as("subscriptions alive")
                .isLessThanOrEqualTo(baseline.count("io.jnatsd.dispatch.Subscription"));
        // Socket channels are counted JVM-wide: remotes of earlier test classes' servers that still
        // redial add a few, so the allowance grows with the soak (a leak of one channel in 50 bad
        // connections still fails), never below 16.
        assertThat(heap.countMatching("io.netty.channel.", "SocketChannel"))
                .as("Netty socket channels alive").isLessThanOrEqualTo(baseline.countMatching("io.netty.channel.", "SocketChannel")
                        + Math.max(16, badConnections / 50));
        // Relative to the baseline: servers of earlier test classes in this JVM may still hold theirs.
        assertThat(heap.count("io.jnatsd.server.ConnectionSnapshot") - baseline.count("io.jnatsd.server.ConnectionSnapshot"))
                .as("closed connections kept").isLessThanOrEqualTo(MAX_CLOSED_CLIENTS);
        assertThat(heap.count(CLOSED_RING_CONTENT) - baseline.count(CLOSED_RING_CONTENT))
                .as("subscriptions of closed connections kept")
                .isLessThanOrEqualTo(MAX_CLOSED_CLIENTS * SUBSCRIPTIONS_PER_CLIENT);
    }

    /** The kinds of bad connection, chosen at random. */
    private static final class BadConnections {
        private final JnatsdServer server;
        private final Random random;
        private int routeId;

        BadConnections(JnatsdServer server, Random random) {
            this.server = server;
            this.random = random;
        }

        int runFor(Duration duration, Bystander bystander) throws Exception {
            long deadline = System.nanoTime() + duration.toNanos();
            int count = 0;
            while (System.nanoTime() < deadline) {
                try {
                    one();
                } catch (IOException refused) {
                    // the server closing first is fine
                }
                if (++count % 100 == 0) {
                    bystander.roundTrip("during the soak, connection " + count);
                }
            }
            return count;
        }

        private void one() throws IOException {
            int clientPort = server.port();
            int routePort = server.server().cluster().listenPort();
            int monitorPort = server.monitorPort();
            switch (random.nextInt(8)) {
                case 0 -> send(clientPort, randomBytes(1 + random.nextInt(2000)));
                case 1 -> send(clientPort, manySubscriptions("CONNECT {\"verbose\":false}\r\n", "SUB soak.%d.%d %2$d\r\n"));
                case 2 -> send(clientPort, "CONNECT {}\r\nPUB soak.half 100000\r\n".getBytes());
                case 3 -> send(clientPort, new byte[0]);
                case 4 -> send(routePort, manySubscriptions(routeHandshake(), "RS+ $G soak.%d.%d\r\n"));
                case 5 -> send(routePort, randomBytes(1 + random.nextInt(2000)));
                case 6 -> send(monitorPort, ("GET /connz?subs=1 HTTP/1.1\r\nHost: x\r\nX-Long: "
                        + "y".repeat(random.nextInt(100_000))).getBytes());
                default -> send(monitorPort, "GET /varz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            }
        }

        private String routeHandshake() {
            String id = "NSOAK" + (++routeId);
            return "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,\"headers\":true,\"name\":\"" + id
                    + "\",\"cluster\":\"SOAK\",\"lnoc\":true}\r\nINFO {\"server_id\":\"" + id + "\",\"server_name\":\""
                    + id + "\",\"version\":\"2.10.27\",\"proto\":2,\"headers\":true,\"cluster\":\"SOAK\",\"lnoc\":true,"
                    + "\"route_pool_size\":3}\r\n";
        }

        private byte[] manySubscriptions(String handshake, String format) {
            StringBuilder text = new StringBuilder(handshake);
            int batch = random.nextInt(1_000_000);
            for (int i = 0; i < SUBSCRIPTIONS_PER_CLIENT; i++) {
                text.append(String.format(format, batch, i));
            }
            return text.toString().getBytes();
        }

        private byte[] randomBytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        private void send(int port, byte[] bytes) throws IOException {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                if (random.nextBoolean()) {
                    socket.setSoLinger(true, 0);
                }
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
                if (random.nextInt(4) == 0) {
                    socket.setSoTimeout(20);
                    try {
                        socket.getInputStream().read(new byte[4096]);
                    } catch (IOException quiet) {
                        // nothing to read yet
                    }
                }
            }
        }
    }
}
