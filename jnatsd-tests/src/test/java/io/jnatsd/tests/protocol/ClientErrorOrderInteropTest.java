package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.tests.cluster.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator reads with {@code -DV} when a client errs, in nats-server 2.10.27's order: the
 * trace of the {@code -ERR} against the error line, the closed line against both, the debug lines
 * of the ping timer and the auth timer. Each case's input goes to a fresh server in one write, and
 * the client connection's log lines (level and text, without address and cid) must be exactly
 * the expected ones, which were copied from nats-server. The same cases run against nats-server
 * 2.10 when {@code NATS_SERVER_210} names one (skipped otherwise), so the expectations stay true.
 */
class ClientErrorOrderInteropTest {
    /** Every case's configuration starts with this (nats-server and jnatsd refuse an empty one). */
    private static final String BASE = "max_connections: 100\n";
    private static final String QUIET = "CONNECT {\"verbose\":false,\"pedantic\":false}";
    private static final String CREATED = "DBG Client connection created";
    private static final String CLOSED = "DBG Client connection closed: ";
    private static final Pattern GO_LINE =
            Pattern.compile("^\\[\\d+\\] \\S+ \\S+ \\[(TRC|DBG|INF|WRN|ERR)\\] 127\\.0\\.0\\.1:(\\d+) - cid:\\d+ - (.*)$");
    private static final Pattern JNATSD_LINE = Pattern.compile("^(\\w+) 127\\.0\\.0\\.1:(\\d+) - cid:\\d+ - (.*)$");
    private static final String PERMISSIONS = """
            authorization { users: [
              {user: u, password: p, permissions: {
                publish: {allow: ["ok.>"], deny: ["ok.secret"]},
                subscribe: {allow: ["foo", "foo q1", "bar.>"], deny: ["foo q2"]}}}
            ]}
            """;
    private static final String USER = "CONNECT {\"verbose\":false,\"pedantic\":false,\"user\":\"u\",\"pass\":\"p\"}";
    private static final String USER_TRACED =
            "TRC <<- [CONNECT {\"verbose\":false,\"pedantic\":false,\"user\":\"u\",\"pass\":\"[REDACTED]\"}]";

    /**
     * @param input sent in one write after INFO; where the connection stays open, the client then
     *     sends PING and closes after the PONG
     * @param expected the connection's log lines, {@code <level> <text>}
     */
    private record Case(String name, String config, String input, boolean closes, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String A80 = "a".repeat(80);
    private static final String A100 = "a".repeat(100);

    private static final List<Case> CASES = List.of(
            new Case("unknown operation: -ERR, then the error, then the close", "", QUIET + "\r\nFOO bar\r\n", true, List.of(
                    CREATED,
                    "TRC <<- [" + QUIET + "]",
                    "TRC ->> [-ERR Unknown Protocol Operation]",
                    "ERR Client parser ERROR, state=0, i=" + (QUIET.length() + 2) + ": proto='\"FOO bar\\r\"...'",
                    CLOSED + "Protocol Violation")),
            new Case("control line over the limit: closed before the error, in nats-server's words", "max_control_line: 64\n",
                    QUIET + "\r\nPUB " + A80 + " 1\r\nx\r\n", true, List.of(
                    CREATED,
                    "TRC <<- [" + QUIET + "]",
                    "TRC ->> [-ERR maximum control line exceeded]",
                    CLOSED + "Maximum Control Line Exceeded",
                    "ERR maximum control line exceeded: State 33, max_control_line 64, Buffer len 0 (snip: \"" + A80
                            + " \"...)")),
            new Case("control line over the limit while still arriving", "max_control_line: 64\n",
                    QUIET + "\r\nSUB " + A100, true, List.of(
                    CREATED,
                    "TRC <<- [" + QUIET + "]",
                    "TRC ->> [-ERR maximum control line exceeded]",
                    CLOSED + "Maximum Control Line Exceeded",
                    "ERR maximum control line exceeded: State 47, max_control_line 64, Buffer len 100 (snip: \""
                            + "a".repeat(99) + "\"...)")),
            new Case("invalid client protocol: closed before the error", "", "CONNECT {\"protocol\":2}\r\n", true, List.of(
                    CREATED,
                    "TRC <<- [CONNECT {\"protocol\":2}]",
                    "TRC ->> [-ERR invalid client protocol]",
                    CLOSED + "Bad Client Protocol Version",
                    "ERR invalid client protocol")),
            new Case("no responders without headers: closed before the error", "",
                    "CONNECT {\"no_responders\":true}\r\n", true, List.of(
                    CREATED,
                    "TRC <<- [CONNECT {\"no_responders\":true}]",
                    "TRC ->> [-ERR no responders requires headers support]",
                    CLOSED + "No Responders Requires Headers",
                    "ERR no responders requires headers support")),
            new Case("CONNECT with a broken literal: Go's words for it", "", "CONNECT {\"verbose\":fals}\r\n", true, List.of(
                    CREATED,
                    "TRC <<- [CONNECT {\"verbose\":fals}]",
                    "ERR invalid character '}' in literal false (expecting 'e')",
                    CLOSED + "Protocol Violation")),
            new Case("pedantic publish subject: -ERR before the payload is read", "",
                    "CONNECT {\"verbose\":false,\"pedantic\":true}\r\nPUB foo..bar 1\r\nx\r\n", false, List.of(
                    CREATED,
                    "TRC <<- [CONNECT {\"verbose\":false,\"pedantic\":true}]",
                    "TRC <<- [PUB foo..bar 1]",
                    "TRC ->> [-ERR Invalid Publish Subject]",
                    "TRC <<- MSG_PAYLOAD: [\"x\"]",
                    "TRC <<- [PING]",
                    "TRC ->> [PONG]",
                    CLOSED + "Client Closed")),
            new Case("permission violations: -ERR, then the error line", PERMISSIONS,
                    USER + "\r\nPUB nope 1\r\nx\r\nSUB nope 1\r\n", false, List.of(
                    CREATED,
                    USER_TRACED,
                    "TRC <<- [PUB nope 1]",
                    "TRC <<- MSG_PAYLOAD: [\"x\"]",
                    "TRC ->> [-ERR Permissions Violation for Publish to \"nope\"]",
                    "ERR Publish Violation - User \"u\", Subject \"nope\"",
                    "TRC <<- [SUB nope 1]",
                    "TRC ->> [-ERR Permissions Violation for Subscription to \"nope\"]",
                    "ERR Subscription Violation - User \"u\", Subject \"nope\", SID 1",
                    "TRC <<- [PING]",
                    "TRC ->> [PONG]",
                    CLOSED + "Client Closed")),
            new Case("queue permissions: a subject allowed with a queue takes only that queue", PERMISSIONS,
                    USER + "\r\nSUB foo q1 1\r\nSUB foo q2 2\r\nSUB foo q3 3\r\nSUB foo 4\r\nUNSUB 4\r\n", false, List.of(
                    CREATED,
                    USER_TRACED,
                    "TRC <<- [SUB foo q1 1]",
                    "TRC <<- [SUB foo q2 2]",
                    "TRC ->> [-ERR Permissions Violation for Subscription to \"foo\" using queue \"q2\"]",
                    "ERR Subscription Violation - User \"u\", Subject \"foo\", Queue: \"q2\", SID 2",
                    "TRC <<- [SUB foo q3 3]",
                    "TRC ->> [-ERR Permissions Violation for Subscription to \"foo\" using queue \"q3\"]",
                    "ERR Subscription Violation - User \"u\", Subject \"foo\", Queue: \"q3\", SID 3",
                    "TRC <<- [SUB foo 4]",
                    "TRC <<- [UNSUB 4]",
                    "TRC <-> [DELSUB 4]",
                    "TRC <<- [PING]",
                    "TRC ->> [PONG]",
                    CLOSED + "Client Closed",
                    "TRC <-> [DELSUB 1]")),
            new Case("too many subject tokens: the -ERR and its error line", "max_sub_tokens: 3\n",
                    QUIET + "\r\nSUB a.b.c.d 1\r\n", false, List.of(
                    CREATED,
                    "TRC <<- [" + QUIET + "]",
                    "TRC <<- [SUB a.b.c.d 1]",
                    "TRC ->> [-ERR Permissions Violation for Subscription to \"a.b.c.d\", too many tokens]",
                    "ERR Subscription Violation Too Many Tokens - User \"N/A\", Subject \"a.b.c.d\", SID 1",
                    "TRC <<- [PING]",
                    "TRC ->> [PONG]",
                    CLOSED + "Client Closed")),
            new Case("authentication timeout: -ERR, its debug line, the close",
                    "authorization { user: u, password: p, timeout: 0.5 }\n", "", true, List.of(
                    CREATED,
                    "TRC ->> [-ERR Authentication Timeout]",
                    "DBG Authentication Timeout",
                    CLOSED + "Authentication Timeout")),
            new Case("stale connection: the ping timer's debug lines, an untraced -ERR", "ping_interval: \"500ms\"\nping_max: 2\n",
                    QUIET + "\r\n", true, List.of(
                    CREATED,
                    "TRC <<- [" + QUIET + "]",
                    "DBG Client Ping Timer",
                    "TRC ->> [PING]",
                    "DBG Client Ping Timer",
                    "TRC ->> [PING]",
                    "DBG Client Ping Timer",
                    "DBG Stale Client Connection - Closing",
                    CLOSED + "Stale Connection")));

    @TempDir
    static Path workDirectory;

    @TestFactory
    Stream<DynamicTest> jnatsdLogsInNatsServersOrder() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try (LogCapture log = LogCapture.of(ClientConnection.class, Level.TRACE)) {
                JnatsdServer server = JnatsdServer.builder().configString(BASE + c.config()).start();
                try {
                    run(c, server.port(), port -> jnatsdLines(log, port));
                } finally {
                    server.close();
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> natsServerLogsTheSame() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String binary = GoServerProcess.assumeBinary();
            try (GoServerProcess server = GoServerProcess.start(binary, workDirectory, BASE + c.config(), "-DV")) {
                run(c, server.port(), port -> goLines(server, port));
            }
        }));
    }

    /** @param linesOf the server's log lines about the connection from a client port */
    private static void run(Case c, int port, IntFunction<List<String>> linesOf) throws Exception {
        int clientPort;
        try (RawClient client = RawClient.connect(port)) {
            clientPort = client.localPort();
            if (!c.input().isEmpty()) {
                client.send(c.input());
            }
            if (c.closes()) {
                assertThat(client.isClosedWithin(Duration.ofSeconds(5))).as("closed by the server").isTrue();
            } else {
                client.linesUntilPong();
            }
        }
        String closed = c.expected().stream().filter(line -> line.startsWith(CLOSED)).findFirst().orElseThrow();
        Supplier<List<String>> lines = () -> linesOf.apply(clientPort);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> lines.get().contains(closed) && lines.get().size() >= c.expected().size());
        assertThat(lines.get()).containsExactlyElementsOf(c.expected());
    }

    private static List<String> jnatsdLines(LogCapture log, int clientPort) {
        List<String> lines = new ArrayList<>();
        for (String line : log.lines()) {
            Matcher matcher = JNATSD_LINE.matcher(line);
            if (matcher.matches() && Integer.parseInt(matcher.group(2)) == clientPort) {
                String level = switch (matcher.group(1)) {
                    case "TRACE" -> "TRC";
                    case "DEBUG" -> "DBG";
                    case "INFO" -> "INF";
                    case "WARN" -> "WRN";
                    default -> "ERR";
                };
                lines.add(level + " " + matcher.group(3));
            }
        }
        return lines;
    }

    private static List<String> goLines(GoServerProcess server, int clientPort) {
        try {
            List<String> lines = new ArrayList<>();
            for (String line : server.log().split("\n")) {
                Matcher matcher = GO_LINE.matcher(line);
                if (matcher.matches() && Integer.parseInt(matcher.group(2)) == clientPort) {
                    lines.add(matcher.group(1) + " " + matcher.group(3));
                }
            }
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
