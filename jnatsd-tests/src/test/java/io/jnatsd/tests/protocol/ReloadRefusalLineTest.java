package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.server.NatsServer;
import io.jnatsd.tests.cluster.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error line of a reload that changes an option nats-server cannot reload, as nats-server
 * 2.10.27 words it: the name of its options field and the old and new values, for the first
 * such option ({@code config reload not supported for LameDuckDuration: old=2m0s, new=1m0s}).
 */
class ReloadRefusalLineTest {
    private static final String PREFIX = "Failed to reload server configuration: config reload not supported for ";

    private record Case(String before, String after, String refusal) {
    }

    private static final List<Case> CASES = List.of(
            new Case("server_name: a\n", "server_name: b\n", "ServerName: old=a, new=b"),
            new Case("", "lame_duck_duration: \"60s\"\n", "LameDuckDuration: old=2m0s, new=1m0s"),
            new Case("", "max_subscriptions: 10\nno_header_support: true\n", "NoHeaderSupport: old=false, new=true"),
            new Case("", "max_subscriptions: 10\n", "MaxSubs: old=0, new=10"),
            new Case("", "max_closed_clients: 5\n", "MaxClosedClients: old=10000, new=5"));

    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> jnatsdWordsItAsNatsServerDoes() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.refusal(), () -> {
            Path file = Files.createTempFile(directory, "jnatsd-", ".conf");
            Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + c.before());
            try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
                 LogCapture log = LogCapture.of(NatsServer.class, Level.ERROR)) {
                Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + c.after());
                assertThat(server.server().reload(ConfigLoader.load(file))).isNotEmpty();
                assertThat(log.lines()).containsExactly("ERROR " + PREFIX + c.refusal());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> natsServerWordsItSo() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.refusal(), () -> {
            String binary = GoServerProcess.assumeBinary();
            try (GoServerProcess server = GoServerProcess.start(binary, directory, c.before())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> server.log().contains("Server is ready"));
                Files.writeString(server.config(), c.after());
                server.reload();
                await().atMost(Duration.ofSeconds(10)).until(() -> server.log().contains(PREFIX));
                assertThat(server.log().lines().filter(line -> line.contains(PREFIX))
                        .map(line -> line.substring(line.indexOf(PREFIX)))).containsExactly(PREFIX + c.refusal());
            }
        }));
    }
}
