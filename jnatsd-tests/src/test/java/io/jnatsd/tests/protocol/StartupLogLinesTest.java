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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines a start logs about its configuration, as nats-server 2.10.27 logs them: the warning
 * for passwords in plain text (the top-level one, listed users, accounts' users; not bcrypt hashes
 * or tokens) and the configuration file's name as given. Each case runs against jnatsd, and
 * against nats-server 2.10 when {@code NATS_SERVER_210} names one.
 */
class StartupLogLinesTest {
    private static final String PLAINTEXT = "Plaintext passwords detected, use nkeys or bcrypt";
    private static final String BCRYPT = "$2a$11$pCRZmeaZ2bKhHUN1IlVIK.WvEB1t4Y9ZCo2lHMp6RU/rvEeqRDfuy";

    private record Case(String name, String config, boolean warns) {
    }

    private static final List<Case> CASES = List.of(
            new Case("user and password", "authorization { user: a, password: b }\n", true),
            new Case("a listed user", "authorization { users: [ {user: a, password: b} ] }\n", true),
            new Case("an account's user", "accounts { A { users: [ {user: a, password: b} ] } }\n", true),
            new Case("bcrypt hashes", "authorization { users: [ {user: a, password: \"" + BCRYPT + "\"} ] }\n", false),
            new Case("a token", "authorization { token: secret }\n", false),
            new Case("no authorization", "max_payload: 2048\n", false));

    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> jnatsdLogsWhatNatsServerLogs() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path file = write(c);
            try (LogCapture log = LogCapture.of(NatsServer.class, Level.INFO);
                 JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file))) {
                List<String> lines = log.lines();
                assertThat(lines).contains("INFO Using configuration file: " + file);
                if (c.warns()) {
                    assertThat(lines).contains("WARN " + PLAINTEXT);
                    assertThat(lines.indexOf("WARN " + PLAINTEXT))
                            .isLessThan(lines.indexOf("INFO Using configuration file: " + file));
                } else {
                    assertThat(lines).doesNotContain("WARN " + PLAINTEXT);
                }
                assertThat(lines).noneMatch(line -> line.contains("Using user/password authentication"));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> natsServerLogsTheSame() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String binary = GoServerProcess.assumeBinary();
            try (GoServerProcess server = GoServerProcess.start(binary, directory, c.config())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> server.log().contains("Server is ready"));
                String log = server.log();
                assertThat(log).contains("[INF] Using configuration file: ");
                assertThat(log.contains("[WRN] " + PLAINTEXT)).as(c.name()).isEqualTo(c.warns());
            }
        }));
    }

    /**
     * With {@code -D}: the system account's line at start, and at shutdown its client's and the
     * listener's (in either order: nats-server closes them on two goroutines).
     */
    @Test
    void debugLinesOfAStartAndAShutdownAreNatsServers() throws Exception {
        try (LogCapture log = LogCapture.of(NatsServer.class, Level.DEBUG)) {
            JnatsdServer.builder().start().close();
            assertStartAndShutdown(log.lines());
        }
        String binary = GoServerProcess.assumeBinary();
        GoServerProcess server = GoServerProcess.start(binary, directory, null, "-D");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.log().contains("Server is ready"));
        server.close();
        assertStartAndShutdown(server.log().lines()
                .map(line -> line.replaceFirst("^\\[\\d+\\] [\\d/]+ [\\d:.]+ \\[DBG\\] ", "DEBUG "))
                .map(line -> line.replaceFirst("^\\[\\d+\\] [\\d/]+ [\\d:.]+ \\[INF\\] ", "INFO "))
                .toList());
    }

    private static void assertStartAndShutdown(List<String> lines) {
        int created = indexOf(lines, "DEBUG Created system account: \"$SYS\"");
        int listening = indexOf(lines, "INFO Listening for client connections on 127.0.0.1:");
        int initiating = indexOf(lines, "INFO Initiating Shutdown...");
        int system = indexOf(lines, "DEBUG SYSTEM - System connection closed: Client Closed");
        int accept = indexOf(lines, "DEBUG Client accept loop exiting..");
        int exiting = indexOf(lines, "INFO Server Exiting..");
        assertThat(List.of(created, listening, initiating, system, accept, exiting)).as(String.join("\n", lines))
                .doesNotContain(-1);
        assertThat(created).isLessThan(listening);
        assertThat(initiating).isLessThan(Math.min(system, accept));
        assertThat(exiting).isGreaterThan(Math.max(system, accept));
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }

    private Path write(Case c) throws Exception {
        Path file = Files.createTempFile(directory, "jnatsd-", ".conf");
        Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + c.config());
        return file;
    }
}
