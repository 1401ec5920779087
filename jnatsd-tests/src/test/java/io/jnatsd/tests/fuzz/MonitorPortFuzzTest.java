package io.jnatsd.tests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutated HTTP requests (every endpoint, queries, bodies, pipelining) against the monitoring
 * port: the server stays up, monitoring keeps answering, a bystander pair on the client port
 * keeps getting its messages, and nothing logs a stack trace or a buffer leak.
 */
class MonitorPortFuzzTest {
    private static final String HEADERS = "Host: 127.0.0.1\r\nUser-Agent: fuzz\r\nAccept: */*\r\n";

    private static final List<byte[]> SEEDS = List.of(
            ClientPortFuzzTest.bytes("GET /varz HTTP/1.1\r\n" + HEADERS + "\r\n"),
            ClientPortFuzzTest.bytes("GET /connz?subs=detail&auth=1&sort=bytes_to&limit=2&offset=1 HTTP/1.1\r\n" + HEADERS
                    + "Connection: close\r\n\r\n"),
            ClientPortFuzzTest.bytes("GET /connz?state=closed&sort=stop&cid=3 HTTP/1.1\r\n" + HEADERS + "\r\n"
                    + "GET /routez?subs=1 HTTP/1.1\r\n" + HEADERS + "\r\n"),
            ClientPortFuzzTest.bytes("GET /subsz?subs=1&test=foo.bar&acc=$G HTTP/1.0\r\n\r\n"),
            ClientPortFuzzTest.bytes("POST /healthz?js-enabled-only=true HTTP/1.1\r\n" + HEADERS
                    + "Content-Length: 5\r\n\r\nhello"),
            ClientPortFuzzTest.bytes("PUT /accountz?acc=$G HTTP/1.1\r\n" + HEADERS + "Transfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n0\r\n\r\n"),
            ClientPortFuzzTest.bytes("GET /accstatz?unused=1&callback=cb HTTP/1.1\r\n" + HEADERS + "\r\n"
                    + "HEAD /jsz HTTP/1.1\r\n" + HEADERS + "\r\nGET /metrics HTTP/1.1\r\n" + HEADERS + "\r\n"),
            ClientPortFuzzTest.bytes("GET /leafz?subs=x HTTP/1.1\r\n" + HEADERS + "\r\nGET /gatewayz HTTP/1.1\r\n"
                    + HEADERS + "\r\nGET /clusterz HTTP/1.1\r\n" + HEADERS + "\r\nGET / HTTP/1.1\r\n" + HEADERS + "\r\n"));

    @Test
    void mutatedHttpRequestsHurtNeitherMonitoringNorClients() throws Exception {
        FuzzSettings settings = FuzzSettings.forTest(20261106L);
        try (LogWatch log = new LogWatch();
             JnatsdServer server = JnatsdServer.builder().monitorPort(-1).start();
             Bystander bystander = new Bystander(server.clientUrl(), server.clientUrl())) {

            FuzzRun.run(settings, server.monitorPort(), SEEDS, context -> {
                bystander.roundTrip(context);
                assertThat(healthz(server.monitorPort())).as("/healthz " + context).startsWith("HTTP/1.1 200 OK");
            });

            assertThat(log.problems()).as("stack traces or leaks logged (seed %d)", settings.seed()).isEmpty();
            assertThat(log.quietErrors()).as("connections closed by an internal exception (seed %d)", settings.seed())
                    .isEmpty();
        }
    }

    private static String healthz(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(ClientPortFuzzTest.bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n"));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
