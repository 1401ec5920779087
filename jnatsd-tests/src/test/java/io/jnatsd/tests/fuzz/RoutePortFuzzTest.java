package io.jnatsd.tests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutated route traffic (CONNECT, INFO, RS+, RS-, LS+, RMSG, PING) against the route port of a
 * server that has a real peer: the server stays up, a bystander subscribed on the peer keeps
 * getting what is published on the fuzzed server (so the real route is unharmed), the route
 * connections settle back to the peer's, and nothing logs a stack trace or a buffer leak.
 * The fuzz INFO names no address or port, so no mutation sends the server dialling elsewhere.
 */
class RoutePortFuzzTest {
    private static final String CLUSTER = "FUZZ";
    /** The default pool of 3 plus the dedicated $SYS connection. */
    private static final int ROUTES_TO_PEER = 4;
    private static final String CONNECT = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"name\":\"NFUZZ\",\"cluster\":\"" + CLUSTER + "\",\"lnoc\":true}\r\n";
    private static final String INFO = "INFO {\"server_id\":\"NFUZZ\",\"server_name\":\"fuzz\",\"version\":\"2.10.27\","
            + "\"proto\":2,\"headers\":true,\"max_payload\":1048576,\"cluster\":\"" + CLUSTER + "\",\"lnoc\":true,"
            + "\"lnocu\":true,\"route_pool_size\":3}\r\n";

    private static final List<byte[]> SEEDS = List.of(
            ClientPortFuzzTest.bytes(CONNECT + INFO + "PING\r\n"),
            ClientPortFuzzTest.bytes(CONNECT + INFO + "RS+ $G fuzz.a\r\nRS+ $G fuzz.q workers 1\r\n"
                    + "RMSG $G fuzz.a reply 5\r\nhello\r\nRS- $G fuzz.a\r\nPING\r\n"),
            ClientPortFuzzTest.bytes(CONNECT + INFO + "LS+ $G fuzz.leaf\r\nRMSG $G fuzz.q + reply workers 2\r\nhi\r\n"
                    + "LS- $G fuzz.leaf\r\nPONG\r\n"),
            ClientPortFuzzTest.bytes(CONNECT + INFO.replace("\"route_pool_size\":3}", "\"route_pool_size\":3,"
                    + "\"route_account\":\"$SYS\"}") + "RS+ $SYS.REQ.SERVER.PING\r\nRMSG $SYS.x 0\r\n\r\n"),
            ClientPortFuzzTest.bytes(CONNECT + INFO + "RMSG $G fuzz.h | reply workers 12 17\r\nNATS/1.0\r\n\r\nhello\r\n"),
            ClientPortFuzzTest.bytes(INFO + CONNECT + "RS+\r\nRS-\r\nLS+\r\nRMSG\r\n"),
            ClientPortFuzzTest.bytes("CONNECT {\"lang\":\"go\"}\r\nPING\r\n"));

    @Test
    void mutatedRouteTrafficHurtsNoRealRoute() throws Exception {
        FuzzSettings settings = FuzzSettings.forTest(20261105L);
        try (LogWatch log = new LogWatch();
             JnatsdServer fuzzed = JnatsdServer.start(JnatsdServer.builder().serverName("A").options()
                     .cluster(ClusterOptions.listen("127.0.0.1", 0).withName(CLUSTER)).build());
             JnatsdServer peer = startPeer(fuzzed);
             Bystander bystander = new Bystander(peer.clientUrl(), fuzzed.clientUrl())) {
            bystander.awaitInterest();
            await().atMost(Duration.ofSeconds(10)).until(() -> fuzzed.server().routeViews().size() == ROUTES_TO_PEER);

            int inputs = FuzzRun.run(settings, fuzzed.server().cluster().listenPort(), SEEDS, bystander::roundTrip);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(fuzzed.server().routeViews()).as("route connections after " + inputs + " inputs")
                            .hasSize(ROUTES_TO_PEER));
            assertThat(log.problems()).as("stack traces or leaks logged (seed %d)", settings.seed()).isEmpty();
            // Not asserted yet: route input can still close its own link through an internal
            // exception (a route INFO without server_id, an RS+/RMSG subject the index refuses);
            // the server stays correct, but these should become protocol errors (issue 11, §4).
            log.quietErrors().stream().map(line -> line.replaceAll("^.* - rid:\\d+ - ", "")).distinct()
                    .forEach(line -> System.out.println("route fuzz finding: " + line));
        }
    }

    private static JnatsdServer startPeer(JnatsdServer fuzzed) throws InterruptedException {
        URI route = URI.create("nats-route://127.0.0.1:" + fuzzed.server().cluster().listenPort());
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName("B");
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName(CLUSTER).withRoutes(List.of(route)));
        return builder.start();
    }
}
