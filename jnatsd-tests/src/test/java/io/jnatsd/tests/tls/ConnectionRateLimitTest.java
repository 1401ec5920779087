package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code connection_rate_limit}: TLS clients beyond the limit in a second get nats-server's
 * {@code -ERR} in clear after the INFO and are closed before any handshake; the others are not.
 */
class ConnectionRateLimitTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private final ConfiguredServers servers = new ConfiguredServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void clientsOverTheLimitAreToldAndClosed() throws Exception {
        JnatsdServer server = servers.start(PKI.tlsBlock("server", null, "connection_rate_limit: 2"));
        List<String> answers = new ArrayList<>();
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                RawClient client = new RawClient(server.port());
                clients.add(client);
                assertThat(client.readLine()).startsWith("INFO ");
            }
            for (RawClient client : clients.subList(2, 5)) {
                answers.add(client.readLine().strip());
                assertThat(client.closedByServer()).isTrue();
            }
        } finally {
            for (RawClient client : clients) {
                client.close();
            }
        }
        assertThat(answers).containsOnly("-ERR 'Connection throttling is active. Please try again later.'");
    }
}
