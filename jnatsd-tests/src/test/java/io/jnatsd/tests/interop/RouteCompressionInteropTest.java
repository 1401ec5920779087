package io.jnatsd.tests.interop;

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

/**
 * S2 route compression negotiated between jnatsd and nats-server 2.10 (ROUTES.md §10), each side
 * as acceptor and as solicitor: routes form, large repetitive messages cross compressed both
 * ways, and each side reports the writer mode the negotiation table gives.
 */
class RouteCompressionInteropTest {
    private static final String JSON = "{\"order\":12345,\"status\":\"shipped\",\"items\":[\"a\",\"b\",\"c\"]}";

    private static JnatsdServer jnatsd(String compression, int seedPort) throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName("java1");
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("ZIP").withCompression(compression)
                .withRoutes(seedPort == 0 ? List.of() : List.of(URI.create("nats-route://127.0.0.1:" + seedPort))));
        return builder.start();
    }

    @ParameterizedTest(name = "jnatsd {0}, nats-server {1}, jnatsd dials: {2} -> jnatsd writes {3}")
    @CsvSource({
            "s2_fast, accept, true, s2_fast",
            "accept, s2_fast, true, s2_fast",
            "s2_best, s2_better, false, s2_best",
            "accept, s2_auto, false, s2_fast",
            "s2_auto, accept, true, by-rtt",
            "accept, accept, true, off",
            "off, s2_fast, false, off"})
    void compressedRoutesCarryMessagesBothWays(String ours, String theirs, boolean jnatsdDials, String expected)
            throws Exception {
        String goCluster = "  compression: " + theirs;
        if (jnatsdDials) {
            try (GoServer go = GoServer.start("NATS_SERVER_210", "go1", "ZIP", List.of(), goCluster);
                 JnatsdServer java = jnatsd(ours, go.clusterPort)) {
                check(java, go, expected);
            }
        } else {
            try (JnatsdServer java = jnatsd(ours, 0);
                 GoServer go = GoServer.start("NATS_SERVER_210", "go1", "ZIP",
                         List.of(java.server().cluster().listenPort()), goCluster)) {
                check(java, go, expected);
            }
        }
    }

    private static void check(JnatsdServer java, GoServer go, String expected) throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> java.server().cluster().routes().size() == 4);
        for (RouteConnection route : java.server().cluster().routes()) {
            if (expected.equals("by-rtt")) {
                // s2_auto picks its level from the handshake's round trip (s2_uncompressed below 10 ms).
                assertThat(route.compressionMode()).startsWith("s2_");
            } else {
                assertThat(route.compressionMode()).isEqualTo(expected);
            }
        }
        String payload = JSON.repeat(200);
        Options.Builder options = new Options.Builder().connectionTimeout(Duration.ofSeconds(10));
        try (Connection onJava = Nats.connect(options.server(java.clientUrl()).build());
             Connection onGo = Nats.connect(new Options.Builder().server(go.clientUrl())
                     .connectionTimeout(Duration.ofSeconds(10)).build())) {
            crossing(onJava, onGo, "to.java", payload);
            crossing(onGo, onJava, "to.go", payload);
        }
        assertThat(go.protocolErrors()).isEmpty();
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
        sub.unsubscribe();
    }
}
