package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.tests.cluster.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route, leaf remote or gateway whose peer does not listen, logged as nats-server 2.10.27 logs it (the
 * lines were read off its log, and are checked against it when {@code NATS_SERVER_210} names
 * one): {@code (attempt N)} and Go's {@code dial tcp <host:port>: connect: connection refused},
 * once at error level until the link has connected (then every 3600th attempt), and every
 * attempt again once a connected route is lost ({@code reconnect_error_reports} 1). nats-server
 * dials a route's system account connection beside its first one and so logs each route line
 * twice; jnatsd dials that one once the first is up, and logs it once: the lines are compared as
 * a set.
 */
class DialErrorLinesTest {
    private static final Pattern GO_ERROR = Pattern.compile("^\\[\\d+\\] [\\d/]+ [\\d:.]+ \\[ERR\\] ");
    /** Long enough for a second attempt: leaf remotes re-dial after a second, routes sooner. */
    private static final Duration QUIET_FOR = Duration.ofMillis(1500);

    @TempDir
    Path directory;

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String config(int dead) {
        return "cluster { name: A, listen: \"127.0.0.1:-1\", routes: [\"nats-route://127.0.0.1:" + dead + "\"] }\n"
                + "leafnodes { remotes: [ { url: \"nats-leaf://127.0.0.1:" + dead + "\" } ] }\n"
                + "gateway { name: A, listen: \"127.0.0.1:-1\", gateways: [ { name: B, url: \"nats://127.0.0.1:" + dead
                + "\" } ] }\n"
                // nats-server wants a system account where leaf nodes and a gateway are both configured
                + "accounts { SYS { users: [ { user: s, password: s } ] } }\nsystem_account: SYS\n";
    }

    private static List<String> expected(int dead) {
        String at = "127.0.0.1:" + dead;
        String refused = "dial tcp " + at + ": connect: connection refused";
        return List.of("Error connecting to explicit gateway \"B\" (" + at + ") at " + at + " (attempt 1): " + refused,
                "Error trying to connect as leafnode to remote server \"" + at + "\" (attempt 1): " + refused,
                "Error trying to connect to route (attempt 1): " + refused);
    }

    @Test
    void aPeerThatNeverListenedIsReportedOnceInNatsServersWords() throws Exception {
        int dead = deadPort();
        Path file = directory.resolve("jnatsd.conf");
        Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + config(dead));
        try (LogCapture log = LogCapture.of("io.jnatsd", Level.ERROR);
             JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file))) {
            await().during(QUIET_FOR).atMost(Duration.ofSeconds(10)).until(() -> log.lines().stream()
                    .map(line -> line.replaceFirst("^ERROR ", "")).sorted().toList().equals(expected(dead)));
        }
    }

    @Test
    void natsServerReportsTheSame() throws Exception {
        String binary = GoServerProcess.assumeBinary();
        int dead = deadPort();
        try (GoServerProcess server = GoServerProcess.start(binary, directory, config(dead))) {
            await().during(QUIET_FOR).atMost(Duration.ofSeconds(10)).until(() -> server.log().lines()
                    .filter(line -> GO_ERROR.matcher(line).find())
                    .map(line -> GO_ERROR.matcher(line).replaceFirst("")).distinct().sorted().toList()
                    .equals(expected(dead)));
        }
    }

    @Test
    void aLostRouteIsReportedAtEveryAttempt() throws Exception {
        Path seedFile = directory.resolve("seed.conf");
        Files.writeString(seedFile, "host: 127.0.0.1\nport: -1\ncluster { name: c, listen: \"127.0.0.1:-1\" }\n");
        JnatsdServer seed = JnatsdServer.start(ConfigLoader.load(seedFile));
        int seedPort = seed.server().cluster().listenPort();
        Path file = directory.resolve("dialer.conf");
        Files.writeString(file, "host: 127.0.0.1\nport: -1\ncluster { name: c, listen: \"127.0.0.1:-1\", "
                + "routes: [\"nats-route://127.0.0.1:" + seedPort + "\"] }\n");
        try (LogCapture log = LogCapture.of("io.jnatsd", Level.ERROR);
             JnatsdServer dialer = JnatsdServer.start(ConfigLoader.load(file))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> dialer.server().cluster().remoteCount() == 1);
            seed.close();
            String refused = "dial tcp 127.0.0.1:" + seedPort + ": connect: connection refused";
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    log.count("Error trying to connect to route (attempt 2): " + refused) >= 1);
            assertThat(log.count("Error trying to connect to route (attempt 1): " + refused)).isGreaterThanOrEqualTo(1);
        }
    }
}
