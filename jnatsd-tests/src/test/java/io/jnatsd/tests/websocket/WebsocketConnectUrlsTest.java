package io.jnatsd.tests.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Websocket clients learn the cluster's websocket URLs as their {@code connect_urls}, gossiped
 * between servers as {@code ws_connect_urls} in route INFO, and never the plain client URLs;
 * plain clients never learn websocket URLs. A peer without a websocket listener adds nothing.
 */
class WebsocketConnectUrlsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String WEBSOCKET = "websocket { host: 127.0.0.1, port: -1, no_tls: true }\n";

    private static JnatsdServer start(String name, String websocket, JnatsdServer seed) throws InterruptedException {
        String routes = seed == null ? ""
                : ", routes: [\"nats://127.0.0.1:" + seed.server().cluster().listenPort() + "\"]";
        return JnatsdServer.builder().configString("server_name: " + name + "\nlisten: 127.0.0.1:-1\n" + websocket
                + "cluster { name: W, listen: 127.0.0.1:-1" + routes + " }\n").start();
    }

    private static void awaitPeers(int peers, JnatsdServer... servers) {
        await().atMost(WAIT).until(() -> List.of(servers).stream()
                .allMatch(server -> server.server().cluster().remoteCount() == peers));
    }

    private static String ws(JnatsdServer server) {
        return "\"127.0.0.1:" + server.server().websocketPort() + "\"";
    }

    private static String plain(JnatsdServer server) {
        return "\"127.0.0.1:" + server.port() + "\"";
    }

    @Test
    void websocketClientsGetTheWebsocketUrlsOfPeersThatHaveThemAndPlainClientsThePlainOnes() throws Exception {
        try (JnatsdServer a = start("A", WEBSOCKET, null);
             JnatsdServer b = start("B", WEBSOCKET, a);
             JnatsdServer c = start("C", "", a)) {
            awaitPeers(2, a, b, c);
            await().atMost(WAIT).until(() -> websocketInfo(a).contains("\"connect_urls\":[" + ws(a) + "," + ws(b) + "]"));
            assertThat(websocketInfo(b)).contains("\"connect_urls\":[" + ws(b) + "," + ws(a) + "]");
            for (JnatsdServer server : List.of(a, b, c)) {
                String info = plainInfo(server);
                assertThat(info).contains("\"connect_urls\":[" + plain(server))
                        .contains(plain(a)).contains(plain(b)).contains(plain(c))
                        .doesNotContain(ws(a)).doesNotContain(ws(b)).doesNotContain("ws_connect_urls");
            }
        }
    }

    @Test
    void aWebsocketClientHearsOfAWebsocketPeerThatLeaves() throws Exception {
        try (JnatsdServer a = start("A", WEBSOCKET, null)) {
            JnatsdServer b = start("B", WEBSOCKET, a);
            try (RawWebsocket client = new RawWebsocket(a.server().websocketPort())) {
                awaitPeers(1, a, b);
                client.upgrade(a.server().websocketPort(), "");
                await().atMost(WAIT).until(() -> websocketInfo(a).contains(ws(b)));
                client.readData();
                client.sendText("CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n");
                client.readUntil("PONG");
                String departed = ws(b);
                b.close();
                String update = client.readUntil("INFO");
                assertThat(update).contains("\"connect_urls\":[" + ws(a) + "]").doesNotContain(departed);
            } finally {
                b.close();
            }
        }
    }

    /** The INFO a new websocket client of {@code server} gets. */
    private static String websocketInfo(JnatsdServer server) throws IOException {
        try (RawWebsocket socket = new RawWebsocket(server.server().websocketPort())) {
            socket.upgrade(server.server().websocketPort(), "");
            return socket.readData();
        }
    }

    /** The INFO a new plain client of {@code server} gets. */
    private static String plainInfo(JnatsdServer server) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
            return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }
}
