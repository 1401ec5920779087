package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Route input that the fuzz tests found to end in an internal exception: a peer's bad interest
 * or INFO costs at most its own link, with nats-server's answer where it has one.
 */
class RouteInputRobustnessTest {
    private static final String CONNECT = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"name\":\"NROBUST\",\"cluster\":\"C1\",\"lnoc\":true}\r\n";
    private static final String INFO = "INFO {\"server_id\":\"NROBUST\",\"cluster\":\"C1\",\"host\":\"127.0.0.1\","
            + "\"port\":1}\r\n";

    private static JnatsdServer server;

    @BeforeAll
    static void start() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder();
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("C1"));
        server = builder.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** nats-server 2.10.27: logs "Could not insert subscription", answers -ERR 'Invalid Subscription', keeps the route. */
    @Test
    void anRsPlusWithAnInvalidSubjectIsAnsweredAndTheRouteStays() throws Exception {
        try (RawClient route = RawClient.open(server.server().cluster().listenPort())) {
            assertThat(route.readLine()).startsWith("INFO ");
            route.send(CONNECT + INFO + "RS+ $G foo..bar\r\nRS+ $G ok.subject\r\nPING\r\n");
            RawClient.Transcript transcript = route.collect(Duration.ofMillis(500), Duration.ofSeconds(5));
            assertThat(transcript.text()).contains("-ERR 'Invalid Subscription'\r\n").contains("PONG\r\n");
            assertThat(transcript.closed()).isFalse();
        }
        assertClientsStillServed();
    }

    /** A route INFO without server_id cannot be told apart from other peers: jnatsd closes that link only. */
    @Test
    void aRouteInfoWithoutServerIdClosesOnlyThatLink() throws Exception {
        try (RawClient route = RawClient.open(server.server().cluster().listenPort())) {
            assertThat(route.readLine()).startsWith("INFO ");
            route.send(CONNECT + "INFO {\"cluster\":\"C1\",\"port\":1}\r\nPING\r\n");
            assertThat(route.isClosedWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertClientsStillServed();
    }

    private static void assertClientsStillServed() throws Exception {
        try (RawClient client = RawClient.connect(server.port())) {
            client.send("CONNECT {}\r\nSUB robust 1\r\nPUB robust 2\r\nok\r\n");
            assertThat(client.linesUntilPong()).contains("MSG robust 1 2", "ok");
        }
    }
}
