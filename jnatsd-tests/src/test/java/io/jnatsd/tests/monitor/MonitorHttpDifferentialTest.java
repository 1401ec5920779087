package io.jnatsd.tests.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends each request of {@link BadHttpRequests} to nats-server 2.10 ({@code $NATS_SERVER_210})
 * and to jnatsd with raw sockets: the status lines must be the recorded one on both, and the
 * replies equal apart from the Date header, header order, and the JSON of server-specific
 * documents; both close the connection alike.
 */
class MonitorHttpDifferentialTest {
    private static Process natsServer;
    private static int goPort;
    private static JnatsdServer jnatsd;
    private static int jnatsdPort;

    @BeforeAll
    static void start() throws Exception {
        String binary = System.getenv("NATS_SERVER_210");
        Assumptions.assumeTrue(binary != null && !binary.isEmpty(),
                "NATS_SERVER_210 is not set: skipping the HTTP comparison with nats-server 2.10");
        goPort = freePort();
        natsServer = new ProcessBuilder(binary, "-a", "127.0.0.1", "-p", "-1", "-m", Integer.toString(goPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        MonitorHttp reference = new MonitorHttp("http://127.0.0.1:" + goPort);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> reference.get("/healthz").statusCode() == 200);
        jnatsd = JnatsdServer.builder().monitorPort(-1).start();
        jnatsdPort = URI.create(jnatsd.monitorUrl()).getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jnatsd != null) {
            jnatsd.close();
        }
        if (natsServer != null) {
            natsServer.destroy();
            natsServer.waitFor();
        }
    }

    static List<BadHttpRequests.Case> cases() {
        return BadHttpRequests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jnatsdAnswersAsNatsServer(BadHttpRequests.Case request) throws Exception {
        RawHttp.Exchange go = RawHttp.send(goPort, request.request(), 5000);
        RawHttp.Exchange java = RawHttp.send(jnatsdPort, request.request(), 5000);

        assertThat(go.statusLine()).as("nats-server's status (the recorded table)").isEqualTo(request.status());
        assertThat(comparable(java)).isEqualTo(comparable(go));
        assertThat(java.closed()).isEqualTo(go.closed());
    }

    /** Header lines sorted, without Date (and Content-Length when the body is a server's own JSON). */
    private static String comparable(RawHttp.Exchange exchange) {
        String reply = exchange.withoutDate();
        int split = reply.indexOf("\r\n\r\n");
        String head = split < 0 ? reply : reply.substring(0, split);
        String body = split < 0 ? "" : reply.substring(split + 4);
        boolean ownJson = body.startsWith("{\n");
        List<String> lines = Arrays.asList(head.split("\r\n"));
        String headers = lines.subList(1, lines.size()).stream()
                .filter(line -> !(ownJson && line.startsWith("Content-Length:")))
                .sorted().collect(Collectors.joining("\n"));
        return lines.get(0) + "\n" + headers + "\n\n" + (ownJson ? "<json>" : body);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
