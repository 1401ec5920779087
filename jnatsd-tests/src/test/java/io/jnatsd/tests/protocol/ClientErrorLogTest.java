package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.config.AuthorizationOptions;
import io.jnatsd.tests.cluster.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every client protocol error is logged as nats-server 2.10.27 logs it: one line at error level,
 * {@code <address> - cid:<id> - <text>}, with nats-server's text (the rows were sent to it and its
 * log lines copied), and the connection closes for nats-server's reason (its debug line). Each case runs against jnatsd, and against nats-server 2.10 when
 * {@code NATS_SERVER_210} names one. The whole input goes out in one write, so the parser
 * error's {@code i} (the offending byte's index in the read) is the same on both.
 */
class ClientErrorLogTest {
    private static final String QUIET = "CONNECT {\"verbose\":false,\"pedantic\":false}\r\n";
    private static final String HEADERS = "CONNECT {\"verbose\":false,\"headers\":true}\r\n";
    private static final String CLOSED = "Client connection closed: ";
    private static final Pattern PREFIX = Pattern.compile("^127\\.0\\.0\\.1:\\d+ - cid:\\d+ - (.*)$");

    /**
     * @param logged the error line's text
     * @param closed why nats-server says the connection closed: {@code /connz?state=closed}'s
     *     reason and the debug line "Client connection closed: ..." (the test closes the
     *     connections that stay open: "Client Closed")
     */
    private record Case(String name, boolean auth, String input, String logged, String closed) {
        Case(String name, boolean auth, String input, String logged) {
            this(name, auth, input, logged, "Protocol Violation");
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("unknown verb", false, "FOO\r\n", "Client parser ERROR, state=0, i=0: proto='\"FOO\\r\"...'"),
            new Case("unknown verb after a valid prefix", false, "PUX\r\n",
                    "Client parser ERROR, state=30, i=2: proto='\"X\\r\"...'"),
            new Case("verb without a blank", false, "SUBfoo 1\r\n",
                    "Client parser ERROR, state=45, i=3: proto='\"foo 1\\r\"...'"),
            new Case("route verb from a client", false, QUIET + "MSG x 1 1\r\n",
                    "Client parser ERROR, state=0, i=" + QUIET.length() + ": proto='\"MSG x 1 1\\r\"...'"),
            new Case("payload longer than announced", false, QUIET + "PUB x 2\r\nabc\r\n",
                    "Client parser ERROR, state=41, i=" + (QUIET.length() + 11) + ": proto='\"c\\r\"...'"),
            new Case("PUB with one argument", false, QUIET + "PUB foo\r\n", "processPub Parse Error: \"foo\""),
            new Case("PUB with a bad size", false, QUIET + "PUB foo x\r\n", "processPub Bad or Missing Size: \"foo x\""),
            new Case("UNSUB with three arguments", false, QUIET + "UNSUB 1 10\r6\r\n", "processUnsub Parse Error: \"1 10\\r6\""),
            new Case("SUB with one argument", false, QUIET + "SUB x\r\n", "processSub Parse Error: \"x\""),
            new Case("HPUB with header size above total", false, HEADERS + "HPUB foo 15 14\r\n",
                    "processHeaderPub Header Size larger then TotalSize: \"foo 15 14\""),
            new Case("HPUB without headers support", false, QUIET + "HPUB x 2 2\r\nab\r\n", "message headers not supported"),
            new Case("payload over max_payload", false, QUIET + "PUB foo 2000000\r\n",
                    "maximum payload exceeded: 2000000 vs 1048576", "Maximum Message Payload Exceeded"),
            new Case("nkey of the wrong type", false, "CONNECT {\"nkey\":true}\r\n",
                    "json: cannot unmarshal bool into Go struct field ClientOpts.nkey of type string"),
            new Case("version of the wrong type", false, "CONNECT {\"version\":1}\r\n",
                    "json: cannot unmarshal number into Go struct field ClientOpts.version of type string"),
            new Case("bad CONNECT JSON", false, "CONNECT {bad\r\n",
                    "invalid character 'b' looking for beginning of object key string"),
            new Case("bad INFO JSON", false, "INFO garbage\r\n", "invalid character 'g' looking for beginning of value"),
            new Case("invalid client protocol", false, "CONNECT {\"protocol\":2}\r\n", "invalid client protocol",
                    "Bad Client Protocol Version"),
            new Case("client sends -ERR", false, "-ERR 'x'\r\n", "Client Error 'x'", "Parse Error"),
            new Case("publish to a reserved gateway reply subject", false, QUIET + "PUB _GR_.x 0\r\n\r\n",
                    "Publish Violation - User \"N/A\", Subject \"_GR_.x\"", "Client Closed"),
            new Case("operation before CONNECT with auth", true, "PING\r\n", "authentication error",
                    "Authentication Failure"),
            new Case("wrong password", true, "CONNECT {\"user\":\"u\",\"pass\":\"x\"}\r\n", "authentication error",
                    "Authentication Failure"),
            new Case("no responders without headers", false, "CONNECT {\"no_responders\":true,\"headers\":false}\r\n",
                    "no responders requires headers support", "No Responders Requires Headers"));

    @TempDir
    static Path workDirectory;
    private static JnatsdServer jnatsd;
    private static JnatsdServer jnatsdWithAuth;
    private static GoServerProcess go;
    private static GoServerProcess goWithAuth;

    @BeforeAll
    static void start() throws Exception {
        jnatsd = JnatsdServer.builder().start();
        JnatsdServer.Builder auth = JnatsdServer.builder();
        auth.options().authorization(AuthorizationOptions.userPassword("u", "p"));
        jnatsdWithAuth = auth.start();
        // The first connection pays for class loading; keep that out of the timed cases.
        RawClient.connect(jnatsd.port()).close();
        RawClient.connect(jnatsdWithAuth.port()).close();
        String binary = System.getenv("NATS_SERVER_210");
        if (binary != null && !binary.isBlank()) {
            go = GoServerProcess.start(binary, workDirectory, null, "-D");
            goWithAuth = GoServerProcess.start(binary, workDirectory, null, "-D", "--user", "u", "--pass", "p");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        jnatsd.close();
        jnatsdWithAuth.close();
        if (go != null) {
            go.close();
            goWithAuth.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> jnatsdLogsEachErrorOnOneLine() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try (LogCapture log = LogCapture.of(ClientConnection.class, Level.ERROR)) {
                send((c.auth() ? jnatsdWithAuth : jnatsd).port(), c.input());
                await().atMost(Duration.ofSeconds(5)).until(() -> !log.lines().isEmpty());
                List<String> lines = log.lines();
                assertThat(lines).as(c.name()).hasSize(1);
                assertThat(lines.get(0)).startsWith("ERROR ");
                assertThat(text(lines.get(0).substring("ERROR ".length()))).isEqualTo(c.logged());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> natsServerLogsTheSame() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Assumptions.assumeTrue(go != null, "NATS_SERVER_210 is not set: no reference nats-server to compare with");
            GoServerProcess server = c.auth() ? goWithAuth : go;
            long before = errorLines(server).size();
            send(server.port(), c.input());
            await().atMost(Duration.ofSeconds(5)).until(() -> errorLines(server).size() > before);
            String line = errorLines(server).get((int) before);
            assertThat(text(line.substring(line.indexOf("[ERR] ") + "[ERR] ".length()))).isEqualTo(c.logged());
        }));
    }

    @TestFactory
    Stream<DynamicTest> jnatsdClosesForNatsServersReason() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try (LogCapture log = LogCapture.of(ClientConnection.class, Level.DEBUG)) {
                send((c.auth() ? jnatsdWithAuth : jnatsd).port(), c.input());
                await().atMost(Duration.ofSeconds(5)).until(() -> !closedLines(log.lines()).isEmpty());
                List<String> closed = closedLines(log.lines());
                assertThat(closed).as(c.name()).hasSize(1);
                assertThat(text(closed.get(0).substring("DEBUG ".length()))).isEqualTo(CLOSED + c.closed());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> natsServerClosesForTheSameReason() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Assumptions.assumeTrue(go != null, "NATS_SERVER_210 is not set: no reference nats-server to compare with");
            GoServerProcess server = c.auth() ? goWithAuth : go;
            long before = closedLines(server.log().lines().toList()).size();
            send(server.port(), c.input());
            await().atMost(Duration.ofSeconds(5)).until(() -> closedLines(server.log().lines().toList()).size() > before);
            String line = closedLines(server.log().lines().toList()).get((int) before);
            assertThat(text(line.substring(line.indexOf("[DBG] ") + "[DBG] ".length()))).isEqualTo(CLOSED + c.closed());
        }));
    }

    private static List<String> closedLines(List<String> lines) {
        return lines.stream().filter(line -> line.contains(" - " + CLOSED)).toList();
    }

    private static List<String> errorLines(GoServerProcess server) throws Exception {
        return server.log().lines().filter(line -> line.contains("[ERR] ")).toList();
    }

    private static String text(String line) {
        Matcher matcher = PREFIX.matcher(line);
        assertThat(matcher.matches()).as("address and cid prefix in: " + line).isTrue();
        return matcher.group(1);
    }

    private static void send(int port, String input) throws Exception {
        try (RawClient client = RawClient.connect(port)) {
            client.send(input);
            client.isClosedWithin(Duration.ofSeconds(2));
        }
    }
}
