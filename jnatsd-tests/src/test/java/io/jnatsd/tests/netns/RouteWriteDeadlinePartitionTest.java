package io.jnatsd.tests.netns;

import static io.jnatsd.tests.netns.LabResources.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server (either kind) publishing into a route whose peer, a nats-server 2.10, is black-holed:
 * with a 1 s {@code write_deadline} and pings too slow to notice first, the socket fills and the
 * writer closes that route connection as a slow consumer long before the peer would be found
 * stale, as nats-server does: a line for the write that filled the socket, a second line and
 * the close one deadline later, two slow consumers in /varz. After the heal the pool is whole
 * again and messages cross.
 */
@Tag("slow")
class RouteWriteDeadlinePartitionTest {
    private static final String GO = "NATS_SERVER_210";
    private static final Duration CONNECTED = Duration.ofSeconds(20);
    private static final int PAYLOAD = 60 * 1024;
    /** Bounds the feeding: 120 MB at most, far above any socket buffer. */
    private static final int MAX_MESSAGES = 2_000;

    private final LabResources held = new LabResources(
            line -> line.contains(" - rid:") || line.contains("Error trying"), null);

    /** Each server's route lines, for comparing the two kinds (and for diagnosing a failure). */
    @AfterEach
    void stop() throws Exception {
        held.close();
    }

    @ParameterizedTest(name = "writer: {0}")
    @ValueSource(strings = {GO, LabServer.JNATSD})
    void aRouteIntoABlackHoleIsClosedAfterTheWriteDeadlineAndRefilledAfterTheHeal(String writerKind) throws Exception {
        LabServer.binary(GO);
        NetworkLab lab = held.closeLater(NetworkLab.create());
        Path directory = held.closeLater(new TemporaryDirectory()).path();
        NetworkLab.Host writerHost = lab.addHost("W");
        NetworkLab.Host peerHost = lab.addHost("P");
        LabServer writer = held.server(LabServer.start(writerKind, writerHost, config(writerHost, peerHost), directory));
        LabServer peer = held.server(LabServer.start(GO, peerHost, config(peerHost, writerHost), directory));
        await().atMost(CONNECTED).pollInterval(Duration.ofMillis(100))
                .until(() -> routes(writer) == 4 && routes(peer) == 4);

        Connection publisher = held.connect(writer);
        Connection subscriber = held.connect(peer);
        Subscription subscription = subscriber.subscribe("flood");
        subscriber.flush(Duration.ofSeconds(2));
        awaitDelivery(publisher, subscription);

        long blackHoled = System.nanoTime();
        lab.blackHole(peerHost);
        byte[] payload = new byte[PAYLOAD];
        for (int i = 0; i < MAX_MESSAGES && !writer.log().contains("Slow Consumer Detected"); i++) {
            publisher.publish("flood", payload);
            if (i % 50 == 0) {
                publisher.flush(Duration.ofSeconds(5));
            }
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> writer.log().contains("Router connection closed: Slow Consumer (Write Deadline)"));
        long closed = System.nanoTime();
        // one for the write that filled the socket, one for the next, which got nothing out and closes
        assertThat(writer.logLines("Slow Consumer Detected")).as("slow consumer lines of %s", writer)
                .hasSize(2)
                .allMatch(line -> line.matches(".* - rid:\\d+ - Slow Consumer Detected: WriteDeadline of 1s exceeded"
                        + " with \\d+ chunks of \\d+ total bytes\\."));
        assertThat(writer.monitor("varz").path("slow_consumer_stats").path("routes").asInt())
                .as("route slow consumers of %s, one per line", writer).isEqualTo(2);
        assertThat(writer.log()).doesNotContain("Stale Connection");

        long healed = System.nanoTime();
        lab.heal(peerHost);
        await().atMost(CONNECTED).pollInterval(Duration.ofMillis(20))
                .until(() -> routes(writer) == 4 && routes(peer) == 4);
        long whole = System.nanoTime();
        System.out.printf("writer %s: route closed for the write deadline %d ms after the black-hole; pool whole"
                + " %d ms after the heal%n", writer, millis(blackHoled, closed), millis(healed, whole));
        while (subscription.nextMessage(Duration.ofMillis(100)) != null) {
            // what crossed before the close
        }
        awaitDelivery(publisher, subscription);
    }

    /** Both servers list each other; pings too slow to find the peer stale within the test. */
    private static String config(NetworkLab.Host host, NetworkLab.Host other) {
        return "write_deadline: \"1s\"\nmax_pending: 512MB\nping_interval: \"30s\"\n"
                + "cluster {\n  name: WD\n  listen: " + host.clusterAddress() + ":6222\n"
                + "  routes: [ nats-route://" + other.clusterAddress() + ":6222 ]\n}\n";
    }

    private static int routes(LabServer server) throws IOException {
        JsonNode routez = server.monitor("routez");
        return routez.path("num_routes").asInt();
    }

    /** Publishes until {@code subscription} receives, within a bound. */
    private static void awaitDelivery(Connection publisher, Subscription subscription) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            publisher.publish("flood", new byte[] {1});
            publisher.flush(Duration.ofSeconds(2));
            return subscription.nextMessage(Duration.ofMillis(200)) != null;
        });
    }



}
