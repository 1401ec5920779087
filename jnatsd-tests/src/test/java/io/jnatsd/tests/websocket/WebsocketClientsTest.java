package io.jnatsd.tests.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.client.ClientConnection;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Websocket clients of the {@code websocket {}} block: real jnats clients over {@code ws://} beside
 * TCP clients, and a raw socket for the frames and requests real clients never send.
 */
class WebsocketClientsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static JnatsdServer start(String websocketBlock) throws InterruptedException {
        return JnatsdServer.builder().configString("http_port: -1\nwebsocket { " + websocketBlock + " }").start();
    }

    private static int wsPort(JnatsdServer server) {
        return server.server().websocketPort();
    }

    private static Connection connect(String url, Options.Builder options) throws Exception {
        return Nats.connect(options.server(url).connectionTimeout(Duration.ofSeconds(5)).build());
    }

    @Test
    void aJnatsClientOverWebsocketAndATcpClientExchangeMessages() throws Exception {
        try (JnatsdServer server = start("host: 127.0.0.1, port: -1, no_tls: true");
             Connection ws = connect("ws://127.0.0.1:" + wsPort(server), new Options.Builder());
             Connection tcp = connect(server.clientUrl(), new Options.Builder())) {
            Subscription onWs = ws.subscribe("to.ws");
            Subscription onTcp = tcp.subscribe("to.tcp");
            ws.flush(WAIT);
            tcp.flush(WAIT);
            tcp.publish("to.ws", "from tcp".getBytes(StandardCharsets.UTF_8));
            ws.publish("to.tcp", "from ws".getBytes(StandardCharsets.UTF_8));
            Message atWs = onWs.nextMessage(WAIT);
            Message atTcp = onTcp.nextMessage(WAIT);
            assertThat(new String(atWs.getData(), StandardCharsets.UTF_8)).isEqualTo("from tcp");
            assertThat(new String(atTcp.getData(), StandardCharsets.UTF_8)).isEqualTo("from ws");

            byte[] big = new byte[200_000];
            new Random(7).nextBytes(big);
            io.nats.client.Dispatcher echo = ws.createDispatcher(m -> ws.publish(m.getReplyTo(), m.getData()));
            echo.subscribe("echo");
            ws.flush(WAIT);
            Message echoed = tcp.request("echo", big, WAIT);
            assertThat(echoed.getData()).isEqualTo(big);

            String connz = get(server.monitorUrl() + "/connz");
            assertThat(connz).contains("\"type\": \"websocket\"").contains("\"type\": \"nats\"");
            String varz = get(server.monitorUrl() + "/varz");
            assertThat(varz).contains("\"websocket\": {").contains("\"port\": " + wsPort(server))
                    .contains("\"no_tls\": true");
        }
    }

    @Test
    void theUpgradeIsAnsweredAsNatsServerAnswersItAndTheInfoComesInABinaryFrame() throws Exception {
        try (JnatsdServer server = start("port: -1, no_tls: true");
             RawWebsocket socket = new RawWebsocket(wsPort(server))) {
            String head = socket.upgrade(wsPort(server), "");
            assertThat(head).isEqualTo("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
            RawWebsocket.Frame info = socket.readFrame();
            assertThat(info.opcode()).isEqualTo(RawWebsocket.BINARY);
            assertThat(info.text()).startsWith("INFO {").contains("\"port\":" + wsPort(server)).endsWith("} \r\n");
            socket.sendText("CONNECT {\"verbose\":false}\r\nSUB a 1\r\nPUB a 2\r\nhi\r\nPING\r\n");
            assertThat(socket.readUntil("PONG\r\n")).isEqualTo("MSG a 1 2\r\nhi\r\nPONG\r\n");

            socket.sendFrame(RawWebsocket.PING, "hello".getBytes(StandardCharsets.UTF_8), true);
            RawWebsocket.Frame pong = socket.readFrame();
            assertThat(pong.opcode()).isEqualTo(RawWebsocket.PONG);
            assertThat(pong.text()).isEqualTo("hello");

            socket.sendFrame(RawWebsocket.CLOSE, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'}, true);
            RawWebsocket.Frame close = socket.readFrame();
            assertThat(close.opcode()).isEqualTo(RawWebsocket.CLOSE);
            assertThat(close.closeStatus()).isEqualTo(1000);
            assertThat(close.closeText()).isEqualTo("bye");
            assertThat(socket.closedByServer()).isTrue();
        }
    }

    @Test
    void refusedUpgradesGetNatsServersStatusesAndTheConnectionServesTheNextRequest() throws Exception {
        try (JnatsdServer server = start("port: -1, no_tls: true, allowed_origins: [\"http://good.example\"]");
             RawWebsocket socket = new RawWebsocket(wsPort(server))) {
            int port = wsPort(server);
            socket.send(RawWebsocket.request(port, "").replace("GET", "POST"));
            assertThat(socket.readResponseHead()).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
                    .contains("Sec-Websocket-Version: 13\r\n");
            assertThat(socket.readBody()).isEqualTo("Method Not Allowed\n");
            socket.send(RawWebsocket.request(port, "").replace("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", ""));
            assertThat(socket.readResponseHead()).startsWith("HTTP/1.1 400 Bad Request\r\n");
            assertThat(socket.readBody()).isEqualTo("Bad Request\n");
            socket.send(RawWebsocket.request(port, "").replace("Version: 13", "Version: 8"));
            assertThat(socket.readResponseHead()).startsWith("HTTP/1.1 400 Bad Request\r\n");
            socket.readBody();
            socket.send(RawWebsocket.request(port, "").replace("Upgrade: websocket", "Upgrade: h2c"));
            assertThat(socket.readResponseHead()).startsWith("HTTP/1.1 400 Bad Request\r\n");
            socket.readBody();
            socket.send(RawWebsocket.request(port, "Origin: http://evil.example\r\n"));
            assertThat(socket.readResponseHead()).startsWith("HTTP/1.1 403 Forbidden\r\n");
            socket.readBody();
            assertThat(socket.upgrade(port, "Origin: http://good.example\r\n"))
                    .startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            assertThat(socket.readFrame().text()).startsWith("INFO ");
        }
    }

    @Test
    void framesThatBreakTheRulesCloseOnlyTheirConnection() throws Exception {
        try (JnatsdServer server = start("port: -1, no_tls: true")) {
            int port = wsPort(server);
            try (RawWebsocket unmasked = new RawWebsocket(port)) {
                unmasked.upgrade(port, "");
                unmasked.readFrame();
                unmasked.sendFrame(RawWebsocket.BINARY, "PING\r\n".getBytes(StandardCharsets.US_ASCII), false);
                assertThat(unmasked.input().read()).as("closed without a close frame, as nats-server").isEqualTo(-1);
            }
            try (RawWebsocket badOpcode = new RawWebsocket(port)) {
                badOpcode.upgrade(port, "");
                badOpcode.readFrame();
                badOpcode.sendFrame(5, new byte[0], true);
                assertThat(badOpcode.input().read()).isEqualTo(-1);
            }
            Random random = new Random(42);
            for (int i = 0; i < 20; i++) {
                try (RawWebsocket garbage = new RawWebsocket(port)) {
                    byte[] noise = new byte[random.nextInt(3000) + 1];
                    random.nextBytes(noise);
                    if (i % 2 == 0) {
                        garbage.upgrade(port, "");
                    }
                    garbage.send(noise);
                }
            }
            try (Connection alive = connect("ws://127.0.0.1:" + port, new Options.Builder())) {
                alive.flush(WAIT);
                assertThat(alive.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }

    @Test
    void compressionIsNegotiatedOnlyWhenConfiguredAndOfferedAndLargeWritesAreDeflated() throws Exception {
        String offer = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
        try (JnatsdServer plain = start("port: -1, no_tls: true");
             RawWebsocket socket = new RawWebsocket(wsPort(plain))) {
            assertThat(socket.upgrade(wsPort(plain), offer)).doesNotContain("permessage-deflate");
        }
        try (JnatsdServer server = start("port: -1, no_tls: true, compression: true");
             RawWebsocket socket = new RawWebsocket(wsPort(server))) {
            assertThat(socket.upgrade(wsPort(server), offer)).contains("Sec-WebSocket-Extensions: permessage-deflate; "
                    + "server_no_context_takeover; client_no_context_takeover\r\n");
            RawWebsocket.Frame info = socket.readFrame();
            assertThat(info.compressed()).isTrue();
            assertThat(RawWebsocket.inflate(info.payload())).startsWith("INFO {");
            String payload = "x".repeat(300);
            socket.sendCompressed("CONNECT {\"verbose\":false}\r\nSUB big 1\r\nPUB big 300\r\n" + payload + "\r\nPING\r\n");
            socket.sendText("PING\r\n");
            RawWebsocket.Frame first = socket.readFrame();
            assertThat(first.compressed()).isTrue();
            assertThat(RawWebsocket.inflate(first.payload())).startsWith("MSG big 1 300\r\n" + payload);
            RawWebsocket.Frame pong = socket.readFrame();
            assertThat(pong.compressed()).isFalse();
            assertThat(pong.text()).isEqualTo("PONG\r\n");
        }
    }

    @Test
    void theBlocksOwnTokenIsWhatWebsocketClientsNeedWhileTcpClientsKeepTheServersRules() throws Exception {
        try (JnatsdServer server = start("port: -1, no_tls: true, authorization { token: s3cret }")) {
            String url = "ws://127.0.0.1:" + wsPort(server);
            try (Connection withToken = connect(url, new Options.Builder().token("s3cret".toCharArray()));
                 Connection tcp = connect(server.clientUrl(), new Options.Builder())) {
                withToken.flush(WAIT);
                tcp.flush(WAIT);
            }
            // jnats waits out its connection timeout after the refusal (it does so with nats-server too)
            assertThatThrownBy(() -> Nats.connect(new Options.Builder().server(url).maxReconnects(0)
                    .connectionTimeout(Duration.ofSeconds(1)).build()))
                    .hasMessageContaining("Authorization Violation");
            await().atMost(WAIT).until(() -> server.server().clients().stream().noneMatch(ClientConnection::websocket));
        }
    }

    @Test
    void usersAreCheckedAsWebsocketConnectionsAndTheBlocksNoAuthUserServesClientsWithoutCredentials() throws Exception {
        String config = "authorization { users: [\n"
                + "  {user: web, password: w, allowed_connection_types: [\"WEBSOCKET\"]}\n"
                + "  {user: tcp, password: t, allowed_connection_types: [\"STANDARD\"]} ] }\n"
                + "websocket { port: -1, no_tls: true, no_auth_user: web }";
        try (JnatsdServer server = JnatsdServer.builder().configString(config).start()) {
            String url = "ws://127.0.0.1:" + wsPort(server);
            try (Connection anonymous = connect(url, new Options.Builder())) {
                anonymous.flush(WAIT);
                assertThat(server.server().clients()).anyMatch(c -> c.websocket() && "web".equals(c.user()));
            }
            Options.Builder quick = new Options.Builder().maxReconnects(0).connectionTimeout(Duration.ofSeconds(1));
            assertThatThrownBy(() -> connect(url, quick.userInfo("tcp", "t"))).hasMessageContaining("Authorization");
            assertThatThrownBy(() -> connect(server.clientUrl(), new Options.Builder().maxReconnects(0)
                    .connectionTimeout(Duration.ofSeconds(1)).userInfo("web", "w")))
                    .hasMessageContaining("Authorization");
            try (Connection tcp = connect(server.clientUrl(), new Options.Builder().userInfo("tcp", "t"))) {
                tcp.flush(WAIT);
            }
        }
    }

    @Test
    void lameDuckStopsTheWebsocketListenerAndTellsWebsocketClients() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().configString(
                "lame_duck_duration: \"30s\"\nlame_duck_grace_period: \"10s\"\nwebsocket { port: -1, no_tls: true }").start();
             RawWebsocket socket = new RawWebsocket(wsPort(server))) {
            int port = wsPort(server);
            socket.upgrade(port, "");
            socket.readFrame();
            socket.sendText("CONNECT {\"protocol\":1}\r\nPING\r\n");
            socket.readUntil("PONG\r\n");
            server.enterLameDuckMode();
            assertThat(socket.readUntil("\"ldm\":true")).startsWith("INFO {");
            assertThatThrownBy(() -> {
                try (RawWebsocket late = new RawWebsocket(port)) {
                    late.upgrade(port, "");
                }
            }).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void aServerWithoutTlsOrNoTlsRefusesToStart() {
        assertThatThrownBy(() -> start("port: -1")).hasMessageContaining("websocket requires TLS configuration");
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
