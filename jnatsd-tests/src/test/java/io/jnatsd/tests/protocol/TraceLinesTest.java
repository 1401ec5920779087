package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.tests.cluster.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol tracing ({@code -V}) of a client connection, line for line as nats-server 2.10.27
 * traces it (the expected lines were copied from its log): operations read ({@code <<-}),
 * payloads, lines written ({@code ->>}) and subscriptions removed ({@code <->}).
 */
class TraceLinesTest {
    private static final Pattern PREFIX = Pattern.compile("^127\\.0\\.0\\.1:\\d+ - cid:\\d+ - (.*)$");
    private static final String SESSION = "CONNECT {\"verbose\":true,\"headers\":true}\r\nSUB foo 1\r\nSUB bar q 2\r\n"
            + "PUB foo 2\r\nhi\r\nPUB foo r.1 3\r\nabc\r\nHPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\nUNSUB 1\r\nPING\r\nPONG\r\n"
            + "FOO\r\n";
    private static final List<String> TRACED = List.of(
            "<<- [CONNECT {\"verbose\":true,\"headers\":true}]",
            "->> [OK]",
            "<<- [SUB foo 1]",
            "->> [OK]",
            "<<- [SUB bar q 2]",
            "->> [OK]",
            "<<- [PUB foo 2]",
            "<<- MSG_PAYLOAD: [\"hi\"]",
            "->> [OK]",
            "->> [MSG foo 1 2]",
            "<<- [PUB foo r.1 3]",
            "<<- MSG_PAYLOAD: [\"abc\"]",
            "->> [OK]",
            "->> [MSG foo 1 r.1 3]",
            "<<- [HPUB foo 12 14]",
            "<<- MSG_PAYLOAD: [\"NATS/1.0\\r\\n\\r\\nhi\"]",
            "->> [OK]",
            "->> [HMSG foo 1 12 14]",
            "<<- [UNSUB 1]",
            "->> [OK]",
            "<-> [DELSUB 1]",
            "<<- [PING]",
            "->> [PONG]",
            "<<- [PONG]",
            "->> [-ERR Unknown Protocol Operation]",
            "<-> [DELSUB 2]");

    @TempDir
    Path directory;

    @Test
    void jnatsdTracesAClientAsNatsServerDoes() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().start();
             LogCapture log = LogCapture.of(ClientConnection.class, Level.TRACE)) {
            send(server.port());
            await().atMost(Duration.ofSeconds(5)).until(() -> traced(log.lines(), "TRACE ").size() >= TRACED.size());
            assertThat(traced(log.lines(), "TRACE ")).containsExactlyElementsOf(TRACED);
        }
    }

    @Test
    void natsServerTracesTheSame() throws Exception {
        String binary = GoServerProcess.assumeBinary();
        try (GoServerProcess server = GoServerProcess.start(binary, directory, null, "-V")) {
            send(server.port());
            await().atMost(Duration.ofSeconds(5)).until(() -> goTraced(server).size() >= TRACED.size());
            assertThat(goTraced(server)).containsExactlyElementsOf(TRACED);
        }
    }

    private static List<String> goTraced(GoServerProcess server) throws Exception {
        return server.log().lines().filter(line -> line.contains("[TRC] "))
                .map(line -> line.substring(line.indexOf("[TRC] ") + "[TRC] ".length()))
                .map(TraceLinesTest::text).toList();
    }

    private static List<String> traced(List<String> lines, String level) {
        return lines.stream().filter(line -> line.startsWith(level))
                .map(line -> text(line.substring(level.length()))).toList();
    }

    private static String text(String line) {
        Matcher matcher = PREFIX.matcher(line);
        assertThat(matcher.matches()).as("address and cid prefix in: " + line).isTrue();
        return matcher.group(1);
    }

    private static void send(int port) throws Exception {
        try (RawClient client = RawClient.connect(port)) {
            client.send(SESSION);
            client.isClosedWithin(Duration.ofSeconds(2));
        }
    }
}
