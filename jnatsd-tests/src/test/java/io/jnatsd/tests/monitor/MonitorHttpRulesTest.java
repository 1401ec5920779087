package io.jnatsd.tests.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each malformed or unusual request gets the status line nats-server 2.10.27's monitoring port
 * answers it with (Go's HTTP server rules, recorded in {@link BadHttpRequests}), and the server
 * then closes the connection: no request is dropped without an answer.
 */
class MonitorHttpRulesTest {
    private static JnatsdServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = JnatsdServer.builder().monitorPort(-1).start();
        port = URI.create(server.monitorUrl()).getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<BadHttpRequests.Case> cases() {
        return BadHttpRequests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsNatsServerDoes(BadHttpRequests.Case request) throws Exception {
        RawHttp.Exchange exchange = RawHttp.send(port, request.request(), 5000);

        assertThat(exchange.statusLine()).isEqualTo(request.status());
        assertThat(exchange.closed()).as("connection closed after the reply").isTrue();
    }
}
