package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.server.NatsServer;
import io.jnatsd.tests.cluster.LogCapture;
import io.jnatsd.tests.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines an accepted reload logs, one per changed option, worded and ordered as nats-server
 * 2.10.27 logs them (the expected lists were read off its log). Each case reloads a running
 * server from {@code before} to {@code after}: jnatsd in this JVM, nats-server as a process sent
 * SIGHUP when {@code NATS_SERVER_210} names one.
 */
class ReloadLinesTest {
    private static final String TLS = TestPki.INSTANCE.tlsBlock("server", null, "timeout: 3");
    private static final String NKEY = "UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4";
    /** Client, route and leafnode listeners, each with a CA file. */
    private static final String LINKS_WITH_CAS = TestPki.INSTANCE.tlsBlock("server", "ca", "timeout: 3") + "\n"
            + "cluster { name: c, listen: \"127.0.0.1:-1\"\n" + TestPki.INSTANCE.tlsBlock("server", "ca", "timeout: 3")
            + "\n}\nleafnodes { listen: \"127.0.0.1:-1\"\n" + TestPki.INSTANCE.tlsBlock("server", "ca", "timeout: 3")
            + "\n}\n";

    private record Case(String name, String before, String after, List<String> lines) {
    }

    private static final List<Case> CASES = List.of(
            new Case("nothing changed", "max_payload: 2048\n", "max_payload: 2048\n",
                    List.of("Reloaded: authorization users", "Reloaded: accounts")),
            new Case("logging switches", "", "debug: true\ntrace: true\nlogtime: false\n",
                    List.of("Reloaded: trace = true", "Reloaded: debug = true", "Reloaded: logtime = false",
                            "Reloaded: authorization users", "Reloaded: accounts")),
            new Case("limits, a token and TLS", "",
                    "max_connections: 50\nauthorization { token: secret }\nwrite_deadline: \"5s\"\n" + TLS,
                    List.of("Reloaded: max_connections = 50", "Reloaded: authorization users",
                            "Reloaded: accounts", "Reloaded: authorization token",
                            "Reloaded: authorization timeout = 4", "Reloaded: tls timeout = 3",
                            "Reloaded: tls = enabled", "Reloaded: write_deadline = 5s")),
            new Case("the rest of the reloadable options", "",
                    "client_advertise: \"127.0.0.1:4999\"\ntrace_verbose: true\nlogtime_utc: true\n"
                            + "authorization { user: a, password: b, timeout: 0.5 }\nping_interval: \"90s\"\n"
                            + "ping_max: 3\nmax_control_line: 2048\nmax_payload: 2000\nmax_traced_msg_len: 100\n"
                            + "connect_error_reports: 5\nreconnect_error_reports: 7\n",
                    List.of("Reload: client_advertise = 127.0.0.1:4999", "Reloaded: trace = true",
                            "Reloaded: trace_verbose = true", "Reloaded: logtime_utc = true",
                            "Reloaded: authorization users", "Reloaded: accounts",
                            "Reloaded: authorization username", "Reloaded: authorization password",
                            "Reloaded: ping_interval = 1m30s", "Reloaded: ping_max = 3",
                            "Reloaded: authorization timeout = 0.5", "Reloaded: max_control_line = 2048",
                            "Reloaded: max_payload = 2000", "Reloaded: max_traced_msg_len = 100",
                            "Reloaded: connect_error_reports = 5", "Reloaded: reconnect_error_reports = 7")),
            new Case("an account's nkey user, unchanged",
                    "accounts { A: { users: [ {nkey: " + NKEY + "} ] } }\n",
                    "accounts { A: { users: [ {nkey: " + NKEY + "} ] } }\n",
                    List.of("Reloaded: authorization nkey users", "Reloaded: authorization users",
                            "Reloaded: accounts")),
            new Case("client, route and leafnode TLS with CA files, unchanged", LINKS_WITH_CAS, LINKS_WITH_CAS,
                    List.of("Reloaded: authorization users", "Reloaded: accounts", "Reloaded: cluster",
                            "Reloaded: LeafNode compression settings", "Reloaded: tls = enabled")),
            new Case("route TLS with another certificate",
                    "cluster { name: c, listen: \"127.0.0.1:-1\"\n" + TestPki.INSTANCE.tlsBlock("server", null, "timeout: 3") + "\n}\n",
                    "cluster { name: c, listen: \"127.0.0.1:-1\"\n" + TestPki.INSTANCE.tlsBlock("server-rsa", null, "timeout: 3") + "\n}\n",
                    List.of("Reloaded: authorization users", "Reloaded: accounts", "Reloaded: cluster")),
            new Case("a gateway, unchanged", "gateway { name: g, listen: \"127.0.0.1:-1\" }\n",
                    "gateway { name: g, listen: \"127.0.0.1:-1\" }\n",
                    List.of("Reloaded: authorization users", "Reloaded: accounts", "Reloaded: cluster")),
            new Case("an unbound nkey user, unchanged",
                    "authorization { users: [ {nkey: " + NKEY + "} ] }\n",
                    "authorization { users: [ {nkey: " + NKEY + "} ] }\n",
                    List.of("Reloaded: authorization users", "Reloaded: accounts")));

    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> jnatsdLogsWhatNatsServerLogs() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path file = Files.createTempFile(directory, "jnatsd-", ".conf");
            Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + c.before());
            try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
                 LogCapture log = LogCapture.of(NatsServer.class, Level.INFO)) {
                Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + c.after());
                assertThat(server.server().reload(ConfigLoader.load(file))).isEmpty();
                assertThat(reloadLines(log.lines().stream().map(line -> line.replaceFirst("^INFO ", ""))))
                        .containsExactlyElementsOf(c.lines());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> natsServerLogsTheSame() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String binary = GoServerProcess.assumeBinary();
            try (GoServerProcess server = GoServerProcess.start(binary, directory, c.before())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> server.log().contains("Server is ready"));
                Files.writeString(server.config(), c.after());
                server.reload();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> server.log().contains("Reloaded server configuration"));
                assertThat(reloadLines(server.log().lines()
                        .map(line -> line.replaceFirst("^\\[\\d+\\] ([\\d/]+ [\\d:.]+ )?\\[INF\\] ", ""))))
                        .containsExactlyElementsOf(c.lines());
            }
        }));
    }

    private static List<String> reloadLines(Stream<String> lines) {
        return lines.filter(line -> line.startsWith("Reload: ") || line.startsWith("Reloaded: ")).toList();
    }
}
