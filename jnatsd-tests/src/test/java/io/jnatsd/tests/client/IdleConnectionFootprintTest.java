package io.jnatsd.tests.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.testkit.JnatsdTest;
import io.jnatsd.testkit.NatsServer;
import io.jnatsd.testkit.NatsTestServer;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an idle client costs the server (issue 14: at most 16 KB per idle connection with 10,000
 * of them): no outbound buffer is held between writes. Checked structurally on every connection
 * rather than through heap or RSS figures, which move with the collector and with whatever
 * else the JVM holds.
 */
@JnatsdTest
class IdleConnectionFootprintTest {
    private static final int CLIENTS = 100;

    @NatsServer
    static NatsTestServer server;

    @Test
    void idleClientsHoldNoOutboundBufferOnceTheirLastWriteLeft() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.setSoTimeout(5000);
                sockets.add(socket);
                socket.getOutputStream().write("CONNECT {\"verbose\":false}\r\nSUB idle.%d 1\r\nPING\r\n".formatted(i)
                        .getBytes(StandardCharsets.US_ASCII));
            }
            for (Socket socket : sockets) {
                readUntilPong(socket.getInputStream());
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                List<ClientConnection> idle = new ArrayList<>(server.jnatsd().server().clients());
                assertThat(idle).hasSizeGreaterThanOrEqualTo(CLIENTS);
                assertThat(idle).noneMatch(client -> client.outbound().holdsBuffer());
            });
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void readUntilPong(InputStream in) throws Exception {
        StringBuilder seen = new StringBuilder();
        byte[] chunk = new byte[4096];
        while (!seen.toString().contains("PONG\r\n")) {
            int n = in.read(chunk);
            assertThat(n).as("connection closed before PONG: " + seen).isPositive();
            seen.append(new String(chunk, 0, n, StandardCharsets.US_ASCII));
        }
    }
}
