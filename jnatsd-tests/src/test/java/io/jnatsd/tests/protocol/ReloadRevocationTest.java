package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.tests.cluster.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that takes away a permission a client's subscriptions rely on: each of them is removed
 * with nats-server 2.10.27's -ERR, which names the sid (not the queue), and its line, and the
 * plaintext password warning of the start is not repeated. The same script runs against
 * nats-server when {@code NATS_SERVER_210} names one.
 */
class ReloadRevocationTest {
    private static final String BEFORE = "authorization { users = [ {user: c, password: c} ] }\n";
    private static final String AFTER =
            "authorization { users = [ {user: c, password: c, permissions: { subscribe: { deny: \"priv.>\" } } } ] }\n";
    private static final String SUBSCRIBE = "CONNECT {\"verbose\":false,\"user\":\"c\",\"pass\":\"c\"}\r\n"
            + "SUB priv.x 1\r\nSUB priv.q grp 2\r\nSUB ok.x 3\r\n";
    /** nats-server sends them in its map's order. */
    private static final List<String> ERRORS = List.of(
            "-ERR 'Permissions Violation for Subscription to \"priv.x\" (sid \"1\")'",
            "-ERR 'Permissions Violation for Subscription to \"priv.q\" (sid \"2\")'");
    private static final List<String> LINES = List.of(
            "Removed sub \"priv.x\" (sid \"1\") for User \"c\" - not authorized",
            "Removed sub \"priv.q\" (sid \"2\") for User \"c\" - not authorized");
    private static final String PLAINTEXT = "Plaintext passwords detected, use nkeys or bcrypt";

    @TempDir
    Path directory;

    @Test
    void jnatsdRemovesTheSubscriptionsWithTheirSidsAndLogsEach() throws Exception {
        Path file = directory.resolve("server.conf");
        Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + BEFORE);
        try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
             RawClient client = RawClient.connect(server.port())) {
            client.send(SUBSCRIBE);
            assertThat(client.linesUntilPong()).isEmpty();
            try (LogCapture log = LogCapture.of("io.jnatsd", Level.INFO)) {
                Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + AFTER);
                assertThat(server.server().reload(ConfigLoader.load(file))).isEmpty();
                await().atMost(Duration.ofSeconds(5)).until(() -> log.count("Removed sub") == 2);
                assertThat(client.linesUntilPong()).containsExactlyInAnyOrderElementsOf(ERRORS);
                assertThat(log.lines().stream().map(line -> line.replaceFirst("^INFO ", "")))
                        .containsAll(LINES).noneMatch(line -> line.contains(PLAINTEXT));
            }
            client.send("PUB ok.x 2\r\nhi\r\nPUB priv.x 2\r\nhi\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG ok.x 3 2", "hi");
        }
    }

    @Test
    void natsServerDoesTheSame() throws Exception {
        String binary = GoServerProcess.assumeBinary();
        try (GoServerProcess server = GoServerProcess.start(binary, directory, BEFORE);
             RawClient client = RawClient.connect(server.port())) {
            client.send(SUBSCRIBE);
            assertThat(client.linesUntilPong()).isEmpty();
            Files.writeString(server.config(), AFTER);
            server.reload();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.log().contains("Reloaded server configuration"));
            assertThat(client.linesUntilPong()).containsExactlyInAnyOrderElementsOf(ERRORS);
            List<String> lines = server.log().lines()
                    .map(line -> line.replaceFirst("^\\[\\d+\\] [\\d/]+ [\\d:.]+ \\[\\w+\\] ", "")).toList();
            assertThat(lines).containsAll(LINES);
            assertThat(lines.stream().filter(line -> line.equals(PLAINTEXT))).hasSize(1);
            client.send("PUB ok.x 2\r\nhi\r\nPUB priv.x 2\r\nhi\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG ok.x 3 2", "hi");
        }
    }
}
