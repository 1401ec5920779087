package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code wss://}: the websocket block's own {@code tls {}}, with real jnats clients. */
class WebsocketTlsTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private final ConfiguredServers servers = new ConfiguredServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    private static Connection connect(String url, javax.net.ssl.SSLContext tls) throws Exception {
        return Nats.connect(new Options.Builder().server(url).sslContext(tls).noReconnect()
                .connectionTimeout(Duration.ofSeconds(2)).build());
    }

    @Test
    void aWssClientAndAPlainTcpClientExchangeMessages() throws Exception {
        JnatsdServer server = servers.start("websocket { host: 127.0.0.1, port: -1\n" + PKI.tlsBlock("server", null, "")
                + "}");
        String url = "wss://127.0.0.1:" + server.server().websocketPort();
        try (Connection wss = connect(url, TestPki.clientContext(null, PKI.ca));
             Connection tcp = Nats.connect(new Options.Builder().server(server.clientUrl()).build())) {
            ClientTlsTest.assertRoundTrip(wss, tcp, "over.wss");
            ClientTlsTest.assertRoundTrip(tcp, wss, "from.wss");
        }
    }

    @Test
    void aWssListenerThatVerifiesRefusesClientsWithoutACertificate() throws Exception {
        JnatsdServer server = servers.start("websocket { host: 127.0.0.1, port: -1\n"
                + PKI.tlsBlock("server", "ca", "verify: true") + "}");
        String url = "wss://127.0.0.1:" + server.server().websocketPort();
        assertThatThrownBy(() -> connect(url, TestPki.clientContext(null, PKI.ca))).isInstanceOf(Exception.class);
        try (Connection alice = connect(url, TestPki.clientContext(PKI.alice, PKI.ca))) {
            ClientTlsTest.assertRoundTrip(alice, alice, "verified");
        }
    }
}
