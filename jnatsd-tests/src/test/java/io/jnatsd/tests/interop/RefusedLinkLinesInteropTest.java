package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.tests.cluster.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route or gateway refused in its handshake is logged, connection by connection, with the lines
 * nats-server 2.10.27 logs (text, level and order; run with {@code -D}). Each case puts a
 * nats-server and a jnatsd in the same place, in front of the same nats-server peer, and waits
 * until one connection of each has logged exactly the expected lines; the ids are not compared.
 */
class RefusedLinkLinesInteropTest {
    private static final String GO = "NATS_SERVER_210";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ROUTE_AUTH = "  authorization { user: ruser, password: rpass }\n";
    /** A Go line: {@code [pid] date time [LVL] 127.0.0.1:port - rid:5 - text}. */
    private static final Pattern GO_LINE = Pattern.compile("^\\[\\d+] \\S+ \\S+ \\[(\\w+)] \\S+ - ((?:rid|gid):\\d+) - (.*)$");
    /** A captured jnatsd line: {@code INFO 127.0.0.1:port - rid:5 - text}. */
    private static final Pattern JNATSD_LINE = Pattern.compile("^(\\w+) \\S+ - ((?:rid|gid):\\d+) - (.*)$");

    @TempDir
    Path dir;
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void anAcceptorRefusingRouteCredentialsLogsCreatedErrorAndClosed() throws Exception {
        List<String> expected = List.of(
                "INF Route connection created",
                "ERR authentication error",
                "INF Router connection closed: Authentication Failure");
        try (LogCapture log = LogCapture.of("io.jnatsd", Level.DEBUG)) {
            GoServer goAcceptor = go("goacceptor", "C", ROUTE_AUTH, "");
            JnatsdServer acceptor = jnatsd("cluster { name: C, listen: \"127.0.0.1:-1\"\n" + ROUTE_AUTH + "}\n");
            go("dialer", "C", routes("ruser:wrong@", goAcceptor.clusterPort, acceptor.server().cluster().listenPort()), "");

            awaitConnectionLogging(goAcceptor, expected);
            awaitConnectionLogging(log, expected);
        }
    }

    @Test
    void aDialerRefusedForItsCredentialsLogsTheAcceptorsError() throws Exception {
        GoServer acceptor = go("acceptor", "C", ROUTE_AUTH, "");
        List<String> expected = List.of(
                "DBG Route connect msg sent",
                "INF Route connection created",
                "DBG Registering remote route \"" + acceptor.serverId() + "\"",
                "ERR Route Error 'Authorization Violation'",
                "INF Router connection closed: Parse Error");
        try (LogCapture log = LogCapture.of("io.jnatsd", Level.DEBUG)) {
            GoServer goDialer = go("godialer", "C", routes("ruser:wrong@", acceptor.clusterPort), "");
            jnatsd("cluster { name: C, listen: \"127.0.0.1:-1\"\n" + routes("ruser:wrong@", acceptor.clusterPort) + "}\n");

            awaitConnectionLogging(goDialer, expected);
            awaitConnectionLogging(log, expected);
        }
    }

    @Test
    void anAcceptorRefusingAnotherClusterLogsTheConflictAfterTheClosedLine() throws Exception {
        List<String> expected = List.of(
                "INF Route connection created",
                "ERR Rejecting connection, cluster name \"BBB\" does not match \"AAA\"",
                "INF Router connection closed: Cluster Name Conflict",
                "ERR cluster name from remote server conflicts");
        try (LogCapture log = LogCapture.of("io.jnatsd", Level.DEBUG)) {
            GoServer goAcceptor = go("goacceptor", "AAA", "", "");
            JnatsdServer acceptor = jnatsd("cluster { name: AAA, listen: \"127.0.0.1:-1\" }\n");
            go("dialer", "BBB", routes("", goAcceptor.clusterPort, acceptor.server().cluster().listenPort()), "");

            awaitConnectionLogging(goAcceptor, expected);
            awaitConnectionLogging(log, expected);
        }
    }

    /**
     * The dialer closes on the acceptor's INFO and logs no error of its own (jnatsd used to log one,
     * with the two names swapped). nats-server also logs the acceptor's {@code -ERR} as a
     * {@code Route Error} line when it came in the same read as the INFO, a race of timing: that
     * line is left out of nats-server's side, and jnatsd, which reads nothing after the line that
     * closed the link, never logs it.
     */
    @Test
    void aDialerOfAnotherClusterClosesWithoutAnErrorOfItsOwn() throws Exception {
        GoServer acceptor = go("acceptor", "AAA", "", "");
        List<String> expected = List.of(
                "DBG Route connect msg sent",
                "INF Route connection created",
                "INF Router connection closed: Cluster Name Conflict");
        try (LogCapture log = LogCapture.of("io.jnatsd", Level.DEBUG)) {
            GoServer goDialer = go("godialer", "BBB", routes("", acceptor.clusterPort), "");
            jnatsd("cluster { name: BBB, listen: \"127.0.0.1:-1\"\n" + routes("", acceptor.clusterPort) + "}\n");

            awaitConnectionLogging(goDialer, expected, line -> !line.startsWith("ERR Route Error 'Rejecting connection"));
            awaitConnectionLogging(log, expected);
        }
    }

    @Test
    void anInboundGatewayRefusedForItsCredentialsIsNeitherRegisteredNorDialedBack() throws Exception {
        String authorization = "  authorization { user: guser, password: gpass }\n";
        List<String> expected = List.of(
                "INF Processing inbound gateway connection",
                "ERR authentication error",
                "INF Gateway connection closed: Authentication Failure");
        try (LogCapture log = LogCapture.of("io.jnatsd", Level.DEBUG)) {
            int goPort = GoServer.freePort();
            GoServer goAcceptor = go("goacceptor", "GA", "",
                    "gateway { name: GA, listen: \"127.0.0.1:" + goPort + "\"\n" + authorization + "}\n");
            JnatsdServer acceptor = jnatsd("cluster { name: GA, listen: \"127.0.0.1:-1\" }\n"
                    + "gateway { name: GA, listen: \"127.0.0.1:-1\"\n" + authorization + "}\n");
            for (String url : List.of("127.0.0.1:" + goPort, acceptor.server().gateways().url())) {
                go("dialer" + started.size(), "GB", "", "gateway { name: GB, listen: \"127.0.0.1:" + GoServer.freePort()
                        + "\"\n  gateways: [ { name: GA, url: \"nats://guser:wrong@" + url + "\" } ]\n}\n");
            }

            awaitConnectionLogging(goAcceptor, expected);
            awaitConnectionLogging(log, expected);
            assertThat(log.lines()).noneMatch(line -> line.contains("Connecting to implicit gateway"));
        }
    }

    // ---- servers ----------------------------------------------------------------------------------

    private GoServer go(String name, String clusterName, String clusterExtra, String topExtra) throws Exception {
        GoServer server = GoServer.start(GO, name, clusterName, List.of(), clusterExtra, topExtra);
        started.add(server);
        return server;
    }

    private JnatsdServer jnatsd(String blocks) throws Exception {
        Path conf = dir.resolve("jnatsd" + started.size() + ".conf");
        Files.writeString(conf, "server_name: jnatsd\nhost: 127.0.0.1\nport: -1\n" + blocks);
        JnatsdServer server = JnatsdServer.start(ConfigLoader.load(conf));
        started.add(server);
        return server;
    }

    private static String routes(String credentials, int... ports) {
        List<String> urls = new ArrayList<>();
        for (int port : ports) {
            urls.add("\"nats-route://" + credentials + "127.0.0.1:" + port + "\"");
        }
        return "  routes: [ " + String.join(", ", urls) + " ]\n";
    }

    // ---- lines ------------------------------------------------------------------------------------

    private static void awaitConnectionLogging(GoServer server, List<String> expected) {
        awaitConnectionLogging(server, expected, line -> true);
    }

    private static void awaitConnectionLogging(GoServer server, List<String> expected, Predicate<String> kept) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(byConnection(server.log().lines().toList(), GO_LINE, kept))
                .as("nats-server's lines, by connection").contains(expected));
    }

    private static void awaitConnectionLogging(LogCapture log, List<String> expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(byConnection(log.lines(), JNATSD_LINE, line -> true))
                .as("jnatsd's lines, by connection").contains(expected));
    }

    /** Each connection's lines, as {@code LVL text}, in the order logged. */
    private static Collection<List<String>> byConnection(List<String> lines, Pattern form, Predicate<String> kept) {
        Map<String, List<String>> connections = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher matcher = form.matcher(line);
            if (matcher.matches()) {
                String entry = level(matcher.group(1)) + " " + matcher.group(3);
                if (kept.test(entry)) {
                    connections.computeIfAbsent(matcher.group(2), id -> new ArrayList<>()).add(entry);
                }
            }
        }
        return connections.values();
    }

    /** nats-server's three letters for a logback level name; Go's own pass through. */
    private static String level(String name) {
        return switch (name) {
            case "INFO" -> "INF";
            case "ERROR" -> "ERR";
            case "DEBUG" -> "DBG";
            case "WARN" -> "WRN";
            default -> name;
        };
    }
}
