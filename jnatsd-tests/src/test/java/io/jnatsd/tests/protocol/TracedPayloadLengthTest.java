package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.server.NatsServer;
import io.jnatsd.tests.cluster.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code max_traced_msg_len}: a traced payload longer than the limit is cut as nats-server 2.10.27
 * cuts it, its quoted text to the limit's bytes and {@code ...} after
 * ({@code <<- MSG_PAYLOAD: ["hello..."]}); a header block counts as payload; 0 means no limit; a
 * reload changes the limit for the next message. The expected lines were read off nats-server's
 * log, and the same tests run against it when {@code NATS_SERVER_210} names one.
 */
class TracedPayloadLengthTest {
    private static final String CONNECT = "{\"verbose\":false,\"headers\":true}";
    private static final String PAYLOAD = "<<- MSG_PAYLOAD: ";
    private static final String HEADERS = "NATS/1.0\r\nA: B\r\n\r\n";
    private static final String SESSION = publish("hello") + publish("hello!") + publish("0123456789") + publish("")
            + publish("a\nb\u0001cdefg") + publish("éééxyz") + publish("a\nxéé")
            + "HPUB foo 18 18\r\n" + HEADERS + "\r\nHPUB foo 18 20\r\n" + HEADERS + "xy\r\n";
    private static final List<String> CUT_TO_FIVE = List.of(
            PAYLOAD + "[\"hello\"]",
            PAYLOAD + "[\"hello...\"]",
            PAYLOAD + "[\"01234...\"]",
            PAYLOAD + "[\"\"]",
            PAYLOAD + "[\"a\\nb\\...\"]",
            PAYLOAD + "[\"éé\\...\"]",
            // nats-server cuts é in half here: its first byte reads as U+FFFD
            PAYLOAD + "[\"a\\nx\uFFFD...\"]",
            PAYLOAD + "[\"NATS/...\"]",
            PAYLOAD + "[\"NATS/...\"]");
    /** One message traced without a limit, with a limit of 5 after a reload, then with 0 after another. */
    private static final List<String> ACROSS_RELOADS = List.of(
            PAYLOAD + "[\"hello world\"]", PAYLOAD + "[\"hello...\"]", PAYLOAD + "[\"hello world\"]");

    @TempDir
    Path directory;

    @Test
    void jnatsdCutsTracedPayloadsAsNatsServerDoes() throws Exception {
        try (LogCapture log = LogCapture.of(ClientConnection.class, Level.TRACE);
             JnatsdServer server = JnatsdServer.builder()
                     .configString("host: 127.0.0.1\nport: -1\nmax_traced_msg_len: 5\n").start()) {
            send(server.port(), SESSION);
            await().atMost(Duration.ofSeconds(5)).until(() -> payloads(log).size() >= CUT_TO_FIVE.size());
            assertThat(payloads(log)).containsExactlyElementsOf(CUT_TO_FIVE);
        }
    }

    @Test
    void natsServerCutsThemTheSame() throws Exception {
        String binary = GoServerProcess.assumeBinary();
        try (GoServerProcess server = GoServerProcess.start(binary, directory, "max_traced_msg_len: 5\n", "-V")) {
            send(server.port(), SESSION);
            await().atMost(Duration.ofSeconds(5)).until(() -> payloads(server).size() >= CUT_TO_FIVE.size());
            assertThat(payloads(server)).containsExactlyElementsOf(CUT_TO_FIVE);
        }
    }

    @Test
    void jnatsdAppliesAReloadedLimitToTheNextMessage() throws Exception {
        Path file = Files.createTempFile(directory, "jnatsd-", ".conf");
        Files.writeString(file, "host: 127.0.0.1\nport: -1\n");
        try (LogCapture log = LogCapture.of(ClientConnection.class, Level.TRACE);
             JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
             RawClient client = RawClient.connect(server.port(), CONNECT)) {
            NatsServer natsServer = server.server();
            sendAndAwait(client, () -> payloads(log), 1);
            Files.writeString(file, "host: 127.0.0.1\nport: -1\nmax_traced_msg_len: 5\n");
            assertThat(natsServer.reload(ConfigLoader.load(file))).isEmpty();
            sendAndAwait(client, () -> payloads(log), 2);
            Files.writeString(file, "host: 127.0.0.1\nport: -1\nmax_traced_msg_len: 0\n");
            assertThat(natsServer.reload(ConfigLoader.load(file))).isEmpty();
            sendAndAwait(client, () -> payloads(log), 3);
            assertThat(payloads(log)).containsExactlyElementsOf(ACROSS_RELOADS);
        }
    }

    @Test
    void natsServerAppliesAReloadedLimitTheSameWay() throws Exception {
        String binary = GoServerProcess.assumeBinary();
        try (GoServerProcess server = GoServerProcess.start(binary, directory, "\n", "-V");
             RawClient client = RawClient.connect(server.port(), CONNECT)) {
            sendAndAwait(client, () -> payloads(server), 1);
            reload(server, "max_traced_msg_len: 5\n", 0);
            sendAndAwait(client, () -> payloads(server), 2);
            reload(server, "max_traced_msg_len: 0\n", 1);
            sendAndAwait(client, () -> payloads(server), 3);
            assertThat(payloads(server)).containsExactlyElementsOf(ACROSS_RELOADS);
        }
    }

    /** A server-to-server link whose receiving end traces the message it reads. */
    enum Link {
        ROUTE("io.jnatsd.cluster.RouteConnection", "cluster { name: C, listen: \"127.0.0.1:-1\" }",
                server -> server.cluster().listenPort(),
                port -> "cluster { name: C, listen: \"127.0.0.1:-1\", routes: [\"nats://127.0.0.1:" + port + "\"] }"),
        LEAF("io.jnatsd.leaf.LeafConnection", "leafnodes { listen: \"127.0.0.1:-1\" }",
                server -> server.leafNodes().listenPort(),
                port -> "leafnodes { remotes: [ {url: \"nats://127.0.0.1:" + port + "\"} ] }");

        /** The jnatsd class whose logger traces this kind (package-private ones, so named). */
        final String logger;
        final String acceptorConfig;
        final ToIntFunction<NatsServer> listenPort;
        final IntFunction<String> dialerConfig;

        Link(String logger, String acceptorConfig, ToIntFunction<NatsServer> listenPort,
             IntFunction<String> dialerConfig) {
            this.logger = logger;
            this.acceptorConfig = acceptorConfig;
            this.listenPort = listenPort;
            this.dialerConfig = dialerConfig;
        }
    }

    @ParameterizedTest
    @EnumSource(Link.class)
    void aMessageReadFromALinkIsCutToo(Link link) throws Exception {
        String common = "host: 127.0.0.1\nport: -1\nmax_traced_msg_len: 5\n";
        try (LogCapture log = LogCapture.of(link.logger, Level.TRACE);
             JnatsdServer acceptor = JnatsdServer.builder().configString(common + link.acceptorConfig).start();
             JnatsdServer dialer = JnatsdServer.builder()
                     .configString(common + link.dialerConfig.apply(link.listenPort.applyAsInt(acceptor.server())))
                     .start();
             RawClient subscriber = RawClient.connect(dialer.port(), CONNECT);
             RawClient publisher = RawClient.connect(acceptor.port(), CONNECT)) {
            subscriber.send("SUB t.foo 1\r\n").linesUntilPong();
            // the subscription reaches the acceptor a moment later: publish until a message crosses
            await().atMost(Duration.ofSeconds(20)).until(() -> crossed(publisher, subscriber));
            List<String> traced = payloads(log).stream().filter(line -> line.contains("0123")).toList();
            assertThat(traced).isNotEmpty().allMatch((PAYLOAD + "[\"01234...\"]")::equals);
        }
    }

    private static boolean crossed(RawClient publisher, RawClient subscriber) throws IOException {
        publisher.send("PUB t.foo 10\r\n0123456789\r\n");
        try {
            return subscriber.readLine(Duration.ofMillis(500)).startsWith("MSG t.foo 1 10");
        } catch (IOException notYet) {
            return false;
        }
    }

    private interface Traced {
        List<String> lines() throws IOException;
    }

    private static void sendAndAwait(RawClient client, Traced traced, int count) throws IOException {
        client.send(publish("hello world")).linesUntilPong();
        await().atMost(Duration.ofSeconds(5)).until(() -> traced.lines().size() >= count);
    }

    /** Rewrites the config file, sends SIGHUP and waits for the reload number {@code done + 1} to finish. */
    private static void reload(GoServerProcess server, String config, int done) throws Exception {
        Files.writeString(server.config(), config);
        server.reload();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                server.log().lines().filter(line -> line.contains("Reloaded server configuration")).count() > done);
    }

    private static String publish(String payload) {
        return "PUB foo " + payload.getBytes(StandardCharsets.UTF_8).length + "\r\n" + payload + "\r\n";
    }

    private static void send(int port, String session) throws IOException {
        try (RawClient client = RawClient.connect(port, CONNECT)) {
            client.send(session).linesUntilPong();
        }
    }

    private static List<String> payloads(LogCapture log) {
        return payloadLines(log.lines().stream().filter(line -> line.startsWith("TRACE ")));
    }

    private static List<String> payloads(GoServerProcess server) throws IOException {
        return payloadLines(server.log().lines().filter(line -> line.contains("[TRC] ")));
    }

    private static List<String> payloadLines(Stream<String> traced) {
        return traced.filter(line -> line.contains(" - " + PAYLOAD))
                .map(line -> line.substring(line.indexOf(" - " + PAYLOAD) + " - ".length())).toList();
    }
}
