package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the route port, answered as nats-server 2.10.27 answers it (ROUTES.md §1, §2, §9):
 * the exact bytes after the acceptor's INFO, and whether it closes. Route verbs need a blank
 * before their arguments ({@code RS+\r\n} is an unknown operation, {@code RS+ \r\n} a parse error
 * without -ERR), and nothing after the line that closes a connection is answered: no PONG to a
 * PING behind a refused CONNECT. Each case runs against jnatsd, and against nats-server 2.10 when
 * {@code NATS_SERVER_210} names one.
 */
class RouteProtocolEdgesTest {
    private static final String ROUTE_CONNECT = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"name\":\"NEDGETEST\",\"cluster\":\"C1\",\"lnoc\":true}\r\n";
    private static final String UNKNOWN = "-ERR 'Unknown Protocol Operation'\r\n";

    private record Case(String name, String input, String answer) {
    }

    private static final List<Case> CASES = List.of(
            new Case("RS+ without arguments", ROUTE_CONNECT + "RS+\r\nPING\r\n", UNKNOWN),
            new Case("RS- without arguments", ROUTE_CONNECT + "RS-\r\nPING\r\n", UNKNOWN),
            new Case("LS+ without arguments", ROUTE_CONNECT + "LS+\r\nPING\r\n", UNKNOWN),
            new Case("LS- without arguments", ROUTE_CONNECT + "LS-\r\nPING\r\n", UNKNOWN),
            new Case("RMSG without arguments", ROUTE_CONNECT + "RMSG\r\nPING\r\n", UNKNOWN),
            new Case("LMSG without arguments", ROUTE_CONNECT + "LMSG\r\nPING\r\n", UNKNOWN),
            new Case("RS+ with a blank only", ROUTE_CONNECT + "RS+ \r\nPING\r\n", ""),
            new Case("RS+ with an account only", ROUTE_CONNECT + "RS+ $G\r\nPING\r\n", ""),
            new Case("a client's CONNECT", "CONNECT {\"lang\":\"go\",\"verbose\":false}\r\nPING\r\n",
                    "-ERR 'attempted to connect to route port'\r\n"),
            new Case("another cluster's CONNECT", "CONNECT {\"cluster\":\"X\",\"name\":\"NX\"}\r\nPING\r\n",
                    "-ERR 'Rejecting connection, cluster name \"X\" does not match \"C1\"'\r\n"));

    @TempDir
    static Path workDirectory;
    private static JnatsdServer jnatsd;
    private static GoServerProcess go;
    private static int goClusterPort;

    @BeforeAll
    static void start() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder();
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("C1"));
        jnatsd = builder.start();
        String binary = System.getenv("NATS_SERVER_210");
        if (binary != null && !binary.isBlank()) {
            goClusterPort = freePort();
            go = GoServerProcess.start(binary, workDirectory, null,
                    "--cluster", "nats://127.0.0.1:" + goClusterPort, "--cluster_name", "C1");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        jnatsd.close();
        if (go != null) {
            go.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @TestFactory
    Stream<DynamicTest> jnatsdAnswersAndCloses() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> assertAnswer(jnatsd.server().cluster().listenPort(), c)));
    }

    @TestFactory
    Stream<DynamicTest> natsServerAnswersAndClosesTheSame() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Assumptions.assumeTrue(go != null, "NATS_SERVER_210 is not set: no reference nats-server to compare with");
            assertAnswer(goClusterPort, c);
        }));
    }

    private static void assertAnswer(int port, Case c) throws IOException {
        try (RawClient route = RawClient.open(port)) {
            assertThat(route.readLine()).startsWith("INFO ");
            route.send(c.input());
            RawClient.Transcript transcript = route.collect(Duration.ofMillis(500), Duration.ofSeconds(3));
            assertThat(transcript.text()).as(c.name()).isEqualTo(c.answer());
            assertThat(transcript.closed() || route.isClosedWithin(Duration.ofSeconds(2))).as(c.name() + ": closed").isTrue();
        }
    }
}
