package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.tests.cluster.LogCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leaf's life logged as nats-server 2.10.27 logs it, on both sides: a spoke with two remotes,
 * one the hub admits and one it refuses, then the spoke stops. The closed lines name the bound
 * account ({@code - Account: A} on the hub, {@code - Account: LA} on the spoke, also for the
 * refused remote, which the hub closes: {@code Client Closed}); the refused one has no account on
 * the hub. The same scenario runs against two nats-servers when {@code NATS_SERVER_210} names one.
 * nats-server also logs {@code JetStream using domains: ...} for each admitted leaf; jnatsd, with
 * no JetStream, does not, and that line is left out of the comparison.
 */
class LeafLifecycleLinesTest {
    private static final Pattern GO_PREFIX = Pattern.compile("^\\[\\d+\\] [\\d/]+ [\\d:.]+ \\[(\\w+)\\] ");
    private static final Pattern LINK = Pattern.compile("^(\\w+) 127\\.0\\.0\\.1:\\d+ - lid:\\d+ - ");

    /** Each distinct line of both sides, the peer's address and the connection id taken out. */
    private static final List<String> EXPECTED = List.of(
            "ERROR Leafnode Error 'Authorization Violation'",
            "ERROR authentication error - User \"a\"",
            "INFO Leafnode connection closed: Authentication Failure",
            "INFO Leafnode connection closed: Client Closed - Account: A",
            "INFO Leafnode connection closed: Client Closed - Account: LA",
            "INFO Leafnode connection closed: Server Shutdown - Account: LA",
            "INFO Leafnode connection created ",
            "INFO Leafnode connection created for account: LA ");

    @TempDir
    Path directory;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String hub(int leafPort) {
        return "accounts { A { users: [ { user: a, password: a } ] } }\n"
                + "leafnodes { listen: \"127.0.0.1:" + leafPort + "\" }\n";
    }

    private static String spoke(int leafPort) {
        String at = "@127.0.0.1:" + leafPort;
        return "accounts { LA { users: [ { user: x, password: x } ] } }\n"
                + "leafnodes { remotes: [ { url: \"nats-leaf://a:a" + at + "\", account: LA },\n"
                + "  { url: \"nats-leaf://a:wrong" + at + "\", account: LA } ] }\n";
    }

    /** The distinct link lines among {@code lines} ("LEVEL message"), sorted. */
    private static List<String> linkLines(List<String> lines) {
        return lines.stream().filter(line -> LINK.matcher(line).find())
                .map(line -> LINK.matcher(line).replaceFirst("$1 "))
                .filter(line -> !line.contains("JetStream using domains"))
                .distinct().sorted().toList();
    }

    private static List<String> goLines(String log) {
        return log.lines().filter(line -> GO_PREFIX.matcher(line).find())
                .map(line -> GO_PREFIX.matcher(line).replaceFirst("$1 ")
                        .replaceFirst("^INF ", "INFO ").replaceFirst("^ERR ", "ERROR ").replaceFirst("^WRN ", "WARN "))
                .toList();
    }

    /** Both sides up and the refusal seen, the spoke stopped, then its lines as {@code lines} has them. */
    private static void runScenario(Supplier<List<String>> lines, AutoCloseable stopSpoke) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> linkLines(lines.get()).containsAll(List.of(
                "INFO Leafnode connection created for account: LA ",
                "INFO Leafnode connection closed: Client Closed - Account: LA",
                "INFO Leafnode connection closed: Authentication Failure")));
        stopSpoke.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(linkLines(lines.get())).isEqualTo(EXPECTED));
    }

    private Path write(String name, String config) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + config);
        return file;
    }

    @Test
    void jnatsdLogsALeafsLifeAsNatsServerDoes() throws Exception {
        int leafPort = freePort();
        try (LogCapture log = LogCapture.of("io.jnatsd", Level.INFO);
             JnatsdServer hub = JnatsdServer.start(ConfigLoader.load(write("hub.conf", hub(leafPort))))) {
            JnatsdServer spoke = JnatsdServer.start(ConfigLoader.load(write("spoke.conf", spoke(leafPort))));
            try (spoke) {
                runScenario(log::lines, spoke);
            }
        }
    }

    @Test
    void natsServerLogsTheSame() throws Exception {
        String binary = GoServerProcess.assumeBinary();
        int leafPort = freePort();
        try (GoServerProcess hub = GoServerProcess.start(binary, directory, hub(leafPort))) {
            GoServerProcess spoke = GoServerProcess.start(binary, directory, spoke(leafPort));
            try (spoke) {
                runScenario(() -> {
                    try {
                        return Stream.concat(goLines(hub.log()).stream(), goLines(spoke.log()).stream())
                                .toList();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, spoke);
            }
        }
    }
}
