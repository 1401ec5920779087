package io.jnatsd.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.RouteConnection;
import io.jnatsd.config.ClusterOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** S2 route compression between jnatsd servers: negotiated per ROUTES.md §10, messages intact both ways. */
class RouteCompressionTest {

    private static JnatsdServer server(String name, String compression, int seed) throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name);
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("Z").withCompression(compression)
                .withRoutes(seed == 0 ? List.of() : List.of(URI.create("nats-route://127.0.0.1:" + seed))));
        return builder.start();
    }

    @ParameterizedTest(name = "{0} with {1}: {2} / {3}")
    @CsvSource({"s2_fast, accept, s2_fast, s2_fast", "s2_better, s2_best, s2_better, s2_best",
            "s2_auto, accept, by-rtt, s2_fast", "accept, accept, off, off"})
    void compressedRoutesCarryLargeMessagesBothWays(String first, String second, String firstWrites,
                                                    String secondWrites) throws Exception {
        try (JnatsdServer a = server("A", first, 0);
             JnatsdServer b = server("B", second, a.server().cluster().listenPort())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.server().cluster().routes().size() == 4
                    && b.server().cluster().routes().size() == 4);
            if (firstWrites.equals("by-rtt")) {
                // s2_auto picks its level from the handshake's round trip: any S2 mode, never off.
                assertThat(a.server().cluster().routes()).extracting(RouteConnection::compressionMode)
                        .allMatch(mode -> mode.startsWith("s2_"));
                // After the first PONG the level follows the smallest of the recent round trips
                // (default thresholds 10/50/100 ms): uncompressed on an idle loopback, never above
                // what the latest round trip alone would give.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(a.server().cluster().routes()).allSatisfy(route -> {
                            assertThat(route.rttNanos()).isPositive();
                            assertThat(LEVELS.indexOf(route.compressionMode()))
                                    .isBetween(0, LEVELS.indexOf(levelFor(route.rttNanos())));
                        }));
            } else {
                assertThat(a.server().cluster().routes()).extracting(RouteConnection::compressionMode)
                        .containsOnly(firstWrites);
            }
            assertThat(b.server().cluster().routes()).extracting(RouteConnection::compressionMode).containsOnly(secondWrites);
            String payload = "{\"id\":42,\"state\":\"ok\",\"tags\":[\"x\",\"y\"]}".repeat(3000);
            try (Connection onA = connect(a); Connection onB = connect(b)) {
                crossing(onA, onB, "to.a", payload);
                crossing(onB, onA, "to.b", payload);
            }
        }
    }

    private static final List<String> LEVELS = List.of("s2_uncompressed", "s2_fast", "s2_better", "s2_best");

    private static String levelFor(long rttNanos) {
        return rttNanos <= 10_000_000 ? "s2_uncompressed" : rttNanos <= 50_000_000 ? "s2_fast"
                : rttNanos <= 100_000_000 ? "s2_better" : "s2_best";
    }

    private static Connection connect(JnatsdServer server) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl()).connectionTimeout(Duration.ofSeconds(10))
                .build());
    }

    private static void crossing(Connection subscriber, Connection publisher, String subject, String payload)
            throws Exception {
        Subscription sub = subscriber.subscribe(subject);
        subscriber.flush(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            publisher.publish(subject, payload.getBytes(StandardCharsets.UTF_8));
            Message m = sub.nextMessage(Duration.ofMillis(300));
            assertThat(m).isNotNull();
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo(payload);
        });
    }
}
