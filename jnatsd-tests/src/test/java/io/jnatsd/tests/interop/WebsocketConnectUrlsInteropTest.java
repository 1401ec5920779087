package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A jnatsd server and a nats-server, both with a websocket listener, in one cluster: a jnats
 * client over {@code ws://} to either learns both websocket URLs (and no plain client URL) from
 * its INFO's {@code connect_urls}, which needs each server to send its websocket URLs to the
 * other in route INFO ({@code ws_connect_urls}) and to read the other's.
 */
class WebsocketConnectUrlsInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(strings = {"NATS_SERVER_29", "NATS_SERVER_210"})
    void websocketClientsOfEitherServerLearnBothWebsocketUrls(String variable) throws Exception {
        GoServer.binary(variable);
        int goWebsocket = GoServer.freePort();
        try (GoServer go = GoServer.start(variable, "go-ws", "WSC", List.of(), "",
                     "websocket { host: 127.0.0.1, port: " + goWebsocket + ", no_tls: true }");
             JnatsdServer jnatsd = JnatsdServer.builder().configString("server_name: java-ws\nlisten: 127.0.0.1:-1\n"
                     + "websocket { host: 127.0.0.1, port: -1, no_tls: true }\n"
                     + "cluster { name: WSC, listen: 127.0.0.1:-1, routes: [\"nats://127.0.0.1:" + go.clusterPort
                     + "\"] }\n").start()) {
            int javaWebsocket = jnatsd.server().websocketPort();
            List<String> both = List.of("127.0.0.1:" + goWebsocket, "127.0.0.1:" + javaWebsocket);
            await().atMost(WAIT).until(() -> connectUrls(goWebsocket).containsAll(both));
            await().atMost(WAIT).until(() -> connectUrls(javaWebsocket).containsAll(both));
            assertThat(connectUrls(goWebsocket)).as("nats-server's websocket client").hasSize(2)
                    .startsWith("127.0.0.1:" + goWebsocket);
            assertThat(connectUrls(javaWebsocket)).as("jnatsd's websocket client").hasSize(2)
                    .startsWith("127.0.0.1:" + javaWebsocket);
        }
    }

    private static List<String> connectUrls(int websocketPort) throws Exception {
        Options options = new Options.Builder().server("ws://127.0.0.1:" + websocketPort).noReconnect()
                .connectionTimeout(Duration.ofSeconds(5)).build();
        try (Connection connection = Nats.connect(options)) {
            return connection.getServerInfo().getConnectURLs();
        }
    }
}
