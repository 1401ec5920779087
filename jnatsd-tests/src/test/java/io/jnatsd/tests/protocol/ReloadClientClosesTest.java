package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.server.NatsServer;
import io.jnatsd.tests.cluster.LogCapture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reload does to a connected client whose user changed, as nats-server 2.10.27 does it: a
 * user taken out of the file or moved to another account is closed without an error (the client
 * reconnects, and lands where the file now puts it); a user whose password changed is sent
 * {@code -ERR 'Authorization Violation'} and closed as an authentication failure.
 */
class ReloadClientClosesTest {
    private static final String BEFORE = "accounts { A: { users: [ {user: a, password: b} ] }, B: {} }\n";

    private record Case(String name, String after, List<String> clientGets, String closeReason) {
    }

    private static final List<Case> CASES = List.of(
            new Case("the user is gone", "accounts { A: { users: [ {user: x, password: y} ] }, B: {} }\n",
                    List.of(), "Client Closed"),
            new Case("the user moved to another account",
                    "accounts { A: {}, B: { users: [ {user: a, password: b} ] } }\n", List.of(), "Client Closed"),
            new Case("the password changed", "accounts { A: { users: [ {user: a, password: c} ] }, B: {} }\n",
                    List.of("-ERR 'Authorization Violation'"), "Authentication Failure"));

    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> jnatsdClosesAsNatsServerDoes() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path file = Files.createTempFile(directory, "jnatsd-", ".conf");
            Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + BEFORE);
            try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
                 LogCapture log = LogCapture.of(ClientConnection.class, Level.DEBUG);
                 Client client = Client.connect(server.port())) {
                Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + c.after());
                assertThat(server.server().reload(ConfigLoader.load(file))).isEmpty();
                assertThat(client.linesUntilClosed()).containsExactlyElementsOf(c.clientGets());
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> log.count("Client connection closed: " + c.closeReason()) == 1);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> natsServerClosesTheSame() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String binary = GoServerProcess.assumeBinary();
            try (GoServerProcess server = GoServerProcess.start(binary, directory, BEFORE, "-D");
                 Client client = Client.connect(server.port())) {
                Files.writeString(server.config(), c.after());
                server.reload();
                assertThat(client.linesUntilClosed()).containsExactlyElementsOf(c.clientGets());
                await().atMost(Duration.ofSeconds(5)).until(() -> server.log()
                        .contains("- Client connection closed: " + c.closeReason() + "\n"));
            }
        }));
    }

    /** max_connections lowered below the clients connected: the ones over it are refused as at connect time. */
    @Test
    void jnatsdClosesTheClientsOverALoweredMaxConnections() throws Exception {
        Path file = Files.createTempFile(directory, "jnatsd-", ".conf");
        Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + BEFORE);
        try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
             LogCapture log = LogCapture.of(NatsServer.class, Level.INFO)) {
            Files.writeString(file, "host: 127.0.0.1\nport: -1\nmax_connections: 1\n" + BEFORE);
            assertOverMaxConnectionsClosed(server.port(),
                    () -> assertThat(server.server().reload(ConfigLoader.load(file))).isEmpty());
            assertThat(log.lines()).containsSubsequence("INFO Closed 2 connections to fall within max_connections",
                    "INFO Reloaded: max_connections = 1");
        }
    }

    @Test
    void natsServerClosesTheClientsOverALoweredMaxConnections() throws Exception {
        String binary = GoServerProcess.assumeBinary();
        try (GoServerProcess server = GoServerProcess.start(binary, directory, BEFORE)) {
            Files.writeString(server.config(), "max_connections: 1\n" + BEFORE);
            assertOverMaxConnectionsClosed(server.port(), server::reload);
            String log = server.log();
            assertThat(log.indexOf("[INF] Closed 2 connections to fall within max_connections"))
                    .isPositive().isLessThan(log.indexOf("[INF] Reloaded: max_connections = 1"));
        }
    }

    private interface Reload {
        void run() throws Exception;
    }

    private static void assertOverMaxConnectionsClosed(int port, Reload reload) throws Exception {
        try (Client first = Client.connect(port); Client second = Client.connect(port); Client third = Client.connect(port)) {
            reload.run();
            List<List<String>> seen = new ArrayList<>();
            for (Client client : List.of(first, second, third)) {
                client.socket().setSoTimeout(1500);
                try {
                    seen.add(client.linesUntilClosed());
                } catch (java.net.SocketTimeoutException stillOpen) {
                    seen.add(List.of("open"));
                }
            }
            assertThat(seen).containsExactlyInAnyOrder(List.of("-ERR 'maximum connections exceeded'"),
                    List.of("-ERR 'maximum connections exceeded'"), List.of("open"));
        }
    }

    /** User a with password b on a raw socket, past CONNECT and PING. */
    private record Client(Socket socket, BufferedReader in) implements AutoCloseable {
        static Client connect(int port) throws IOException {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("INFO ");
            socket.getOutputStream().write("CONNECT {\"verbose\":false,\"user\":\"a\",\"pass\":\"b\"}\r\nPING\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("PONG");
            return new Client(socket, in);
        }

        /** What the server sends until it closes the connection, INFO updates and PINGs aside. */
        List<String> linesUntilClosed() throws IOException {
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("INFO ") && !line.equals("PING")) {
                    lines.add(line);
                }
            }
            return lines;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
