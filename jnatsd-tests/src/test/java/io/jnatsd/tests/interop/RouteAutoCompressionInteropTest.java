package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jnatsd in {@code s2_auto} dials a nats-server 2.10 in {@code accept} mode. nats-server names
 * {@code s2_auto} in its INFO whatever level its round trip picked, and an {@code accept} peer
 * answers that with {@code s2_fast}: so a Go solicitor leaves {@code s2_fast} on every pool
 * connection of the Go acceptor, and a jnatsd solicitor must too, whatever its thresholds.
 * Checked on the Go side's {@code /routez}, one entry per pool connection.
 */
class RouteAutoCompressionInteropTest {

    @ParameterizedTest(name = "rtt_thresholds {0}")
    @ValueSource(strings = {"", "[10ms, 50ms, 100ms]", "[1ms]", "[0s, 0s, 20ms]", "[0s, 1ms, 2ms, 3ms]"})
    void goAcceptorWritesFastOnEveryPoolConnection(String thresholds) throws Exception {
        String compression = thresholds.isEmpty() ? "s2_auto"
                : "{ mode: s2_auto, rtt_thresholds: " + thresholds + " }";
        try (GoServer go = GoServer.start("NATS_SERVER_210", "go1", "AUTO", List.of(), "  compression: accept");
             JnatsdServer java = JnatsdServer.builder().configString("""
                     server_name: java1
                     listen: 127.0.0.1:-1
                     cluster {
                       name: AUTO
                       listen: 127.0.0.1:-1
                       routes: [ "nats-route://127.0.0.1:%d" ]
                       compression: %s
                     }
                     """.formatted(go.clusterPort, compression)).start()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> java.server().cluster().routes().size() == 4
                    && goRouteCompressions(go).size() == 4);
            assertThat(goRouteCompressions(go)).as("compression of each Go route to jnatsd").containsOnly("s2_fast");
            assertThat(go.protocolErrors()).isEmpty();
        }
    }

    private static List<String> goRouteCompressions(GoServer go) throws Exception {
        List<String> modes = new ArrayList<>();
        for (JsonNode route : go.monitor("routez").path("routes")) {
            modes.add(route.path("compression").asText());
        }
        return modes;
    }
}
