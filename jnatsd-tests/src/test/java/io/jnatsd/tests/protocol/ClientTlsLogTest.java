package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.tests.cluster.LogCapture;
import io.jnatsd.tests.tls.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a TLS client port logs when a handshake fails, as nats-server 2.10.27 logs it: at error
 * level, {@code <address> - cid:<id> - <text>} with Go's words. A plain TCP probe of the port is
 * {@code TLS handshake error: EOF} there too (error level is nats-server's choice, not noise of
 * ours). Each case runs against jnatsd, and against nats-server 2.10 when {@code NATS_SERVER_210}
 * names one, with the same certificate files.
 */
class ClientTlsLogTest {
    private static final String ADDRESS = "127\\.0\\.0\\.1:\\d+";
    private static final String TIMEOUT = "TLS handshake timeout";

    private record Case(String name, byte[] input, Duration silence, String logged) {
    }

    private static final List<Case> CASES = List.of(
            new Case("a plain TCP probe that closes", new byte[0], Duration.ZERO, "TLS handshake error: EOF"),
            new Case("plain protocol bytes", "CONNECT {}\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII), Duration.ZERO,
                    "TLS handshake error: tls: first record does not look like a TLS handshake"),
            new Case("a handshake record cut short", new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xff, 0x01},
                    Duration.ZERO, "TLS handshake error: unexpected EOF"),
            new Case("a client that never starts the handshake", new byte[0], Duration.ofMillis(1500),
                    TIMEOUT));

    @TempDir
    static Path workDirectory;
    private static JnatsdServer jnatsd;
    private static GoServerProcess go;

    @BeforeAll
    static void start() throws Exception {
        String tls = TestPki.INSTANCE.tlsBlock("server", null, "  timeout: 0.5");
        Path config = workDirectory.resolve("jnatsd.conf");
        Files.writeString(config, "host: 127.0.0.1\nport: -1\n" + tls);
        jnatsd = JnatsdServer.start(ConfigLoader.load(config));
        // The first connection pays for class loading, which can outlast the short handshake timeout.
        RawClient.connect(jnatsd.port()).close();
        String binary = System.getenv("NATS_SERVER_210");
        if (binary != null && !binary.isBlank()) {
            go = GoServerProcess.start(binary, workDirectory, tls);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        jnatsd.close();
        if (go != null) {
            go.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> jnatsdLogsHandshakeFailuresAsNatsServer() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            // the server's loggers, for the timeout's second line: the client connection logs it
            // after its closed line, where nats-server's handshake timer does
            try (LogCapture log = LogCapture.of("io.jnatsd", Level.ERROR)) {
                probe(jnatsd.port(), c);
                if (c.logged().equals(TIMEOUT)) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().size() == 2);
                    assertThat(log.lines().get(0)).matches("ERROR " + ADDRESS
                            + " - cid:\\d+ - TLS handshake error: read tcp " + ADDRESS + "->" + ADDRESS + ": i/o timeout");
                    assertThat(log.lines().get(1)).matches("ERROR " + ADDRESS + " - cid:\\d+ - " + TIMEOUT);
                } else {
                    await().atMost(Duration.ofSeconds(5)).until(() -> !log.lines().isEmpty());
                    assertThat(log.lines().get(0)).matches("ERROR " + ADDRESS + " - cid:\\d+ - \\Q" + c.logged() + "\\E");
                }
            }
        }));
    }

    /** nats-server's closed state for any of these is {@code TLS Handshake Failure} (seen with -D on 2.10.27). */
    @Test
    void theConnectionClosesWithNatsServersReason() throws Exception {
        try (LogCapture log = LogCapture.of("io.jnatsd.client.ClientConnection", Level.DEBUG)) {
            probe(jnatsd.port(), CASES.get(1));
            String closed = "DEBUG " + ADDRESS + " - cid:\\d+ - Client connection closed: TLS Handshake Failure";
            await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().stream().anyMatch(line -> line.matches(closed)));
        }
    }

    @TestFactory
    Stream<DynamicTest> natsServerLogsTheSame() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Assumptions.assumeTrue(go != null, "NATS_SERVER_210 is not set: no reference nats-server to compare with");
            int before = errorLines().size();
            probe(go.port(), c);
            // Of a timeout, nats-server always logs the read deadline's error; its "TLS handshake
            // timeout" line is lost when the handshake's own deadline closes the connection first.
            String expected = c.logged().equals(TIMEOUT) ? "TLS handshake error: read tcp " + ADDRESS + "->" + ADDRESS
                    + ": i/o timeout" : "\\Q" + c.logged() + "\\E";
            await().atMost(Duration.ofSeconds(5)).until(() -> errorLines().stream().skip(before)
                    .anyMatch(line -> line.matches(".*\\[ERR\\] " + ADDRESS + " - cid:\\d+ - " + expected)));
        }));
    }

    private static List<String> errorLines() throws Exception {
        return go.log().lines().filter(line -> line.contains("[ERR] ")).toList();
    }

    /** Reads the INFO (sent in clear), sends the case's bytes, waits if it says so, and closes. */
    private static void probe(int port, Case c) throws Exception {
        try (RawClient client = RawClient.connect(port)) {
            if (c.input().length > 0) {
                client.send(c.input());
            }
            client.isClosedWithin(c.silence().isZero() ? Duration.ofMillis(300) : c.silence());
        }
    }
}
