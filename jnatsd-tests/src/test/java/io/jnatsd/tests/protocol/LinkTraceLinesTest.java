package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.server.NatsServer;
import io.jnatsd.tests.cluster.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Protocol tracing ({@code -V}) of route, gateway and leaf node connections, compared with
 * nats-server 2.10.27. The server under test ("X": a nats-server, then jnatsd) is linked to a
 * nats-server peer; a client on each side runs the same script, and X's trace lines for the link
 * must be the expected ones, copied from nats-server's log: what the script sends, line for line
 * and in order, plus the handshake and keep-alive lines in their shapes ({@code <<- [CONNECT {…}]},
 * PING, PONG). Addresses, connection ids and the system account's traffic are left out.
 */
class LinkTraceLinesTest {
    private static final String CONNECT = "{\"verbose\":false,\"headers\":true}";
    private static final Pattern PREFIX = Pattern.compile("^127\\.0\\.0\\.1:\\d+ - ([rgl]id:\\d+) - (.*)$");
    /** A line about the script's subjects, which all start with {@code t.}. */
    private static final Pattern SCRIPTED = Pattern.compile("(^|[ \\[])t\\.");
    private static final List<String> SHAPES = List.of("<<- [CONNECT {…}]", "<<- [PING]", "->> [PONG]",
            "->> [PING]", "<<- [PONG]");

    /** One kind of link: X's configuration, the peer's, and what X must trace for the script. */
    enum Link {
        ROUTE(4, "io.jnatsd.cluster.RouteConnection", server -> server.cluster().listenPort(),
                (port, peerPort) -> "cluster { name: C, listen: \"127.0.0.1:" + port + "\" }",
                (xPort, port) -> "cluster { name: C, listen: \"127.0.0.1:" + port + "\", routes: [\"nats://127.0.0.1:"
                        + xPort + "\"] }",
                List.of("<<- [RS+ $G t.foo]", "<<- [RS+ $G t.bar q1 1]", "->> [RMSG $G t.foo 5]",
                        "->> [HMSG $G t.foo 12 14]", "->> [RMSG $G t.bar | q1 2]", "->> [RS+ $G t.back]",
                        "<<- [RMSG $G t.back 4]", "<<- MSG_PAYLOAD: [\"back\"]", "<<- [RS- $G t.foo]",
                        "<<- [RS- $G t.bar q1]", "->> [RS- $G t.back]")),
        GATEWAY(2, "io.jnatsd.gateway.GatewayConnection", server -> server.gateways().listenPort(),
                (port, peerPort) -> "gateway { name: A, listen: \"127.0.0.1:" + port + "\", gateways: [ {name: B, "
                        + "url: \"nats://127.0.0.1:" + peerPort + "\"} ] }",
                (xPort, port) -> "gateway { name: B, listen: \"127.0.0.1:" + port + "\", gateways: [ {name: A, "
                        + "url: \"nats://127.0.0.1:" + xPort + "\"} ] }",
                List.of("<<- [RS+ $G t.foo]", "<<- [RS+ $G t.bar q1 1]", "->> [RMSG $G t.foo 5]",
                        "->> [HMSG $G t.foo 12 14]", "->> [RMSG $G t.bar | q1 2]", "->> [RS+ $G t.back]",
                        "<<- [RMSG $G t.back 4]", "<<- MSG_PAYLOAD: [\"back\"]", "<<- [RS- $G t.foo]",
                        "<<- [RS- $G t.bar q1]", "->> [RS- $G t.back]")),
        LEAF(1, "io.jnatsd.leaf.LeafConnection", server -> server.leafNodes().listenPort(),
                (port, peerPort) -> "leafnodes { listen: \"127.0.0.1:" + port + "\" }",
                (xPort, port) -> "leafnodes { remotes: [ {url: \"nats://127.0.0.1:" + xPort + "\"} ] }",
                List.of("<<- [LS+ t.foo]", "<<- [LS+ t.bar q1 1]", "->> [LMSG t.foo 5]", "->> [HMSG t.foo 12 14]",
                        "->> [LMSG t.bar | q1 2]", "->> [LS+ t.back]", "<<- [LMSG t.back 4]",
                        "<<- MSG_PAYLOAD: [\"back\"]", "<<- [LS- t.foo]", "<-> [DELSUB t.foo]", "<<- [LS- t.bar q1]",
                        "<-> [DELSUB t.bar q1]", "->> [LS- t.back]"));

        /** X's connections of this kind once linked: a route pool of three plus the pinned $SYS, two gateway halves. */
        final int connections;
        /** The jnatsd class whose logger traces this kind (package-private, so named). */
        final String logger;
        final ToIntFunction<NatsServer> listenPort;
        /** X's configuration from (its port, the peer's port); port -1 lets jnatsd pick one. */
        final BiFunction<Integer, Integer, String> xConfig;
        /** The peer's configuration from (X's port, its own port). */
        final BiFunction<Integer, Integer, String> peerConfig;
        final List<String> expected;

        Link(int connections, String logger, ToIntFunction<NatsServer> listenPort,
             BiFunction<Integer, Integer, String> xConfig, BiFunction<Integer, Integer, String> peerConfig,
             List<String> expected) {
            this.connections = connections;
            this.logger = logger;
            this.listenPort = listenPort;
            this.xConfig = xConfig;
            this.peerConfig = peerConfig;
            this.expected = expected;
        }
    }

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Link.class)
    void natsServerTracesTheScriptAsExpected(Link link) throws Exception {
        String binary = natsServer();
        int xPort = freePort();
        int peerPort = freePort();
        try (GoServerProcess x = GoServerProcess.start(binary, directory, link.xConfig.apply(xPort, peerPort), "-DV");
             GoServerProcess peer = GoServerProcess.start(binary, directory, link.peerConfig.apply(xPort, peerPort))) {
            assertTracesTheScript(link, x.port(), peer.port(), () -> goTraced(x));
        }
    }

    @ParameterizedTest
    @EnumSource(Link.class)
    void jnatsdTracesTheScriptAsNatsServerDoes(Link link) throws Exception {
        String binary = natsServer();
        int peerPort = freePort();
        try (LogCapture log = LogCapture.of(link.logger, Level.TRACE);
             JnatsdServer x = JnatsdServer.builder().configString("host: 127.0.0.1\nport: -1\n"
                     + link.xConfig.apply(-1, peerPort)).start();
             GoServerProcess peer = GoServerProcess.start(binary, directory,
                     link.peerConfig.apply(link.listenPort.applyAsInt(x.server()), peerPort))) {
            assertTracesTheScript(link, x.port(), peer.port(), () -> jnatsdTraced(log));
        }
    }

    private interface Traced {
        /** X's trace lines so far, each as {connection id, text}. */
        List<String[]> lines() throws IOException;
    }

    private static void assertTracesTheScript(Link link, int xPort, int peerPort, Traced traced) throws Exception {
        // Linked and registered: every connection has had an answer to its first PING.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                traced.lines().stream().filter(line -> line[1].equals("<<- [PONG]")).map(line -> line[0]).distinct()
                        .count() >= link.connections);
        try (RawClient peer = RawClient.connect(peerPort, CONNECT); RawClient local = RawClient.connect(xPort, CONNECT)) {
            peer.send("SUB t.foo 1\r\nSUB t.bar q1 2\r\n");
            awaitLine(traced, link.expected.get(1));
            local.send("PUB t.foo 5\r\nhello\r\nHPUB t.foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPUB t.bar 2\r\nhi\r\n"
                    + "SUB t.back 7\r\n");
            local.linesUntilPong();
            awaitLine(traced, link.expected.get(5));
            // X traced its interest when it wrote it: the peer may read it a moment later, so its
            // client publishes until the message crosses (a publish before that crosses nothing)
            await().atMost(Duration.ofSeconds(10)).until(() -> crossed(peer, local));
            peer.send("UNSUB 1\r\nUNSUB 2\r\n");
            awaitLine(traced, link.expected.get(link.expected.size() - 2));
            local.send("UNSUB 7\r\n");
            awaitLine(traced, link.expected.get(link.expected.size() - 1));
        }
        List<String[]> lines = traced.lines();
        assertThat(scripted(lines)).containsExactlyElementsOf(link.expected);
        assertThat(lines.stream().map(line -> line[1].replaceFirst("^<<- \\[CONNECT \\{.*}]$", "<<- [CONNECT {…}]"))
                .distinct()).containsAll(SHAPES);
    }

    private static boolean crossed(RawClient peer, RawClient local) throws IOException {
        peer.send("PUB t.back 4\r\nback\r\n");
        try {
            return local.readLine(Duration.ofMillis(500)).startsWith("MSG t.back 7 4");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void awaitLine(Traced traced, String text) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                traced.lines().stream().anyMatch(line -> line[1].equals(text)));
    }

    /** The lines about the script's subjects, each message's payload line with it, in the order logged. */
    private static List<String> scripted(List<String[]> lines) {
        Map<String, Boolean> lastKept = new HashMap<>();
        List<String> kept = new ArrayList<>();
        for (String[] line : lines) {
            boolean keep = line[1].startsWith("<<- MSG_PAYLOAD: ")
                    ? lastKept.getOrDefault(line[0], false)
                    : SCRIPTED.matcher(line[1]).find();
            lastKept.put(line[0], keep && !line[1].startsWith("<<- MSG_PAYLOAD: "));
            if (keep) {
                kept.add(line[1]);
            }
        }
        return kept;
    }

    private static List<String[]> goTraced(GoServerProcess server) throws IOException {
        List<String[]> lines = new ArrayList<>();
        server.log().lines().filter(line -> line.contains("[TRC] "))
                .map(line -> line.substring(line.indexOf("[TRC] ") + "[TRC] ".length()))
                .filter(line -> !line.contains(" - cid:"))
                .forEach(line -> lines.add(split(line)));
        return lines;
    }

    private static List<String[]> jnatsdTraced(LogCapture log) {
        List<String[]> lines = new ArrayList<>();
        log.lines().stream().filter(line -> line.startsWith("TRACE "))
                .forEach(line -> lines.add(split(line.substring("TRACE ".length()))));
        return lines;
    }

    private static String[] split(String line) {
        Matcher matcher = PREFIX.matcher(line);
        assertThat(matcher.matches()).as("address and link id prefix in: " + line).isTrue();
        return new String[] {matcher.group(1), matcher.group(2)};
    }

    private static String natsServer() {
        String binary = GoServerProcess.assumeBinary();
        return binary;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
