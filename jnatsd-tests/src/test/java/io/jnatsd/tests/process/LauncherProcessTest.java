package io.jnatsd.tests.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jnatsd as a supervisor sees it: a process with flags, log lines, signals and exit codes. */
class LauncherProcessTest {
    @TempDir
    Path directory;

    @Test
    void aServerStartsServesAClientAndExitsZeroOnSigterm() throws Exception {
        Path pidFile = directory.resolve("jnatsd.pid");
        try (LaunchedProcess server = LaunchedProcess.start(directory, "-a", "127.0.0.1", "-p", "-1", "-D",
                "-P", pidFile.toString(), "--ports_file_dir", directory.toString())) {
            server.awaitLog("Server is ready");
            int port = server.clientPort();
            assertThat(server.stderr().lines().filter(line -> line.endsWith("Server is ready")).findFirst().orElseThrow())
                    .matches("\\[" + server.pid() + "\\] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\[INF\\] Server is ready");
            assertThat(Files.readString(pidFile)).isEqualTo(Long.toString(server.pid()));
            Path portsFile = directory.resolve("jnatsd_" + server.pid() + ".ports");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(portsFile));
            assertThat(Files.readString(portsFile)).isEqualTo("{\"nats\":[\"nats://127.0.0.1:" + port + "\"]}");

            // A cold client and a cold server on a busy machine can miss jnats' 2 s default.
            Options connect = new Options.Builder().server("nats://127.0.0.1:" + port)
                    .connectionTimeout(Duration.ofSeconds(15)).build();
            try (Connection nc = Nats.connect(connect)) {
                Subscription subscription = nc.subscribe("process.test");
                nc.publish("process.test", "hello".getBytes(StandardCharsets.UTF_8));
                Message message = subscription.nextMessage(Duration.ofSeconds(5));
                assertThat(message).isNotNull();
                assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
            }

            server.signal("TERM");
            assertThat(server.awaitExit()).isZero();
            assertThat(server.stderr()).contains("[DBG] Trapped \"terminated\" signal").contains("[INF] Server Exiting..");
            assertThat(pidFile).doesNotExist();
            assertThat(portsFile).doesNotExist();
        }
    }

    @Test
    void signalsReopenTheLogFileReportAReloadAndSignalStopKills() throws Exception {
        Path pidFile = directory.resolve("jnatsd.pid");
        Path logFile = directory.resolve("jnatsd.log");
        try (LaunchedProcess server = LaunchedProcess.start(directory, "-a", "127.0.0.1", "-p", "-1", "-T=false",
                "-P", pidFile.toString(), "-l", logFile.toString())) {
            await().atMost(LaunchedProcess.START_TIMEOUT).until(() -> Files.exists(logFile)
                    && Files.readString(logFile).contains("Server is ready"));

            Files.move(logFile, directory.resolve("jnatsd.log.1"));
            server.signal("USR1");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(logFile)
                    && Files.readString(logFile).contains("[INF] File log re-opened"));

            server.signal("HUP");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(logFile)
                    .contains("[ERR] Failed to reload server configuration: can only reload config when a file"));

            assertThat(signalCommand("-sl", "stop", "-P", pidFile.toString())).isZero();
            assertThat(server.awaitExit()).isEqualTo(128 + 9);
        }
    }

    @Test
    void signalQuitShutsTheServerDownCleanly() throws Exception {
        assumeFalse(sigintIgnored(), "this JVM was started with SIGINT ignored (a background job of a script);"
                + " its children inherit that and the JVM cannot take it back");
        Path pidFile = directory.resolve("jnatsd.pid");
        try (LaunchedProcess server = LaunchedProcess.start(directory, "-a", "127.0.0.1", "-p", "-1",
                "-P", pidFile.toString())) {
            server.awaitLog("Server is ready");
            assertThat(signalCommand("--signal", "quit=" + pidFile)).isZero();
            assertThat(server.awaitExit()).isZero();
            assertThat(server.stderr()).contains("Server Exiting..");
            assertThat(pidFile).doesNotExist();
        }
    }

    @Test
    void anUnknownFlagPrintsUsageAndExitsOne() throws Exception {
        try (LaunchedProcess launcher = LaunchedProcess.start(directory, "--bogus")) {
            assertThat(launcher.awaitExit()).isEqualTo(1);
            assertThat(launcher.stderr()).startsWith("flag provided but not defined: -bogus")
                    .contains("Usage: jnatsd [options]");
        }
    }

    /** jnats' test server runner (io.nats:jnats-server-runner) starts its JetStream servers with {@code -js}. */
    @Test
    void jetStreamFlagsAreAcceptedWithANoticeAndTheServerStarts() throws Exception {
        try (LaunchedProcess server = LaunchedProcess.start(directory, "-a", "127.0.0.1", "-p", "-1", "-js",
                "--store_dir", directory.resolve("js").toString())) {
            server.awaitLog("Server is ready");
            assertThat(server.stderr())
                    .contains("[INF] \"--jetstream\" is accepted but not supported by jnatsd (JetStream: no JetStream API is offered), ignored")
                    .contains("[INF] \"--store_dir\" is accepted but not supported by jnatsd");
            server.signal("TERM");
            assertThat(server.awaitExit()).isZero();
        }
    }

    @Test
    void aPortInUseFailsWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                LaunchedProcess server = LaunchedProcess.start(directory, "-a", "127.0.0.1",
                        "-p", Integer.toString(taken.getLocalPort()))) {
            assertThat(server.awaitExit()).isEqualTo(1);
            assertThat(server.stderr()).contains("[FTL] Error listening on port: 127.0.0.1:" + taken.getLocalPort());
        }
    }

    /**
     * nats-server 2.10 runs these files with an authorization callout and a per-account leaf node limit;
     * jnatsd must refuse them (-t and start-up alike) rather than run more open than they say.
     */
    @Test
    void unsupportedRestrictionsAreRefusedByTheCheckAndTheStart() throws Exception {
        Path callout = directory.resolve("callout.conf");
        Files.writeString(callout, "listen: 127.0.0.1:-1\n"
                + "authorization { users: [ { user: a, password: b } ], auth_callout { issuer: x } }\n");
        Path pinned = directory.resolve("pinned.conf");
        Files.writeString(pinned, "listen: 127.0.0.1:-1\n"
                + "resolver_pinned_accounts: [ ACSU3Q6LTLBVLGAQUONAGXJHVNWGSKKAUA7IY5TB4Z7PLEKSR5O6JTGR ]\n");
        for (Path conf : new Path[] {callout, pinned}) {
            for (String[] args : new String[][] {{"-t", "-c", conf.toString()}, {"-c", conf.toString()}}) {
                try (LaunchedProcess launcher = LaunchedProcess.start(directory, args)) {
                    assertThat(launcher.awaitExit()).as("exit status of %s", String.join(" ", args)).isEqualTo(1);
                    assertThat(launcher.stderr()).startsWith("jnatsd: " + conf + ":")
                            .contains("is not supported by jnatsd").doesNotContain("Server is ready");
                }
            }
        }
    }

    /** A reload asking for a restriction jnatsd lacks is refused, and the server keeps asking for the users. */
    @Test
    void aReloadToAnUnsupportedRestrictionIsRefusedAndAuthenticationStays() throws Exception {
        Path conf = directory.resolve("reload.conf");
        Files.writeString(conf, "listen: 127.0.0.1:-1\nauthorization { user: a, password: b }\n");
        try (LaunchedProcess server = LaunchedProcess.start(directory, "-c", conf.toString())) {
            int port = server.clientPort();
            server.awaitLog("Server is ready");
            Files.writeString(conf, "listen: 127.0.0.1:-1\nresolver_pinned_accounts: [ ACSU3Q6LTLBVLGAQUONAGXJHVNWGSKKAUA7IY5TB4Z7PLEKSR5O6JTGR ]\n");
            server.signal("HUP");
            server.awaitLog("[ERR] Failed to reload server configuration: ");
            assertThat(server.stderr()).contains("\"resolver_pinned_accounts\" is not supported by jnatsd");
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                String info = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                assertThat(info).startsWith("INFO ").contains("\"auth_required\":true");
            }
        }
    }

    /**
     * As nats-server: a reload that turns on {@code debug} and {@code trace} makes the next client's
     * protocol lines appear; one that names a {@code log_file} logs its option lines where the log
     * went so far and "Reloaded server configuration" in the new file; turning both off again
     * silences the next client.
     */
    @Test
    void aReloadSwitchesDebugTraceAndTheLogFile() throws Exception {
        Path conf = directory.resolve("logging.conf");
        Path logFile = directory.resolve("after-reload.log");
        Files.writeString(conf, "listen: 127.0.0.1:-1\n");
        try (LaunchedProcess server = LaunchedProcess.start(directory, "-c", conf.toString())) {
            int port = server.clientPort();
            server.awaitLog("Server is ready");
            Files.writeString(conf, "listen: 127.0.0.1:-1\ndebug: true\ntrace: true\n");
            server.signal("HUP");
            server.awaitLog("[INF] Reloaded server configuration");
            assertThat(server.stderr()).contains("[INF] Reloaded: trace = true\n")
                    .contains("[INF] Reloaded: debug = true\n");
            pingPong(port);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.stderr().contains("- <<- [PING]")
                    && server.stderr().contains("- ->> [PONG]")
                    && server.stderr().contains("- Client connection closed: Client Closed"));

            Files.writeString(conf, "listen: 127.0.0.1:-1\nlog_file: \"" + logFile + "\"\n");
            server.signal("HUP");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(logFile)
                    && Files.readString(logFile).contains("[INF] Reloaded server configuration"));
            assertThat(server.stderr()).contains("[INF] Reloaded: log_file = " + logFile + "\n")
                    .contains("[INF] Reloaded: trace = false\n");
            String tracedBefore = server.stderr();
            pingPong(port);
            Files.writeString(conf, "listen: 127.0.0.1:-1\nlog_file: \"" + logFile + "\"\nmax_payload: 2048\n");
            server.signal("HUP");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(logFile).contains("[INF] Reloaded: max_payload = 2048"));
            assertThat(Files.readString(logFile)).doesNotContain("[TRC]").doesNotContain("[DBG]");
            assertThat(server.stderr()).isEqualTo(tracedBefore);
        }
    }

    /** One client's CONNECT, PING and PONG on a raw socket, then it closes. */
    /** nats-server writes the ports file where the file says, and moves it when a reload changes that. */
    @Test
    void thePortsFileGoesWhereTheConfigurationFileSaysAndMovesOnAReload() throws Exception {
        Path first = Files.createDirectory(directory.resolve("first"));
        Path second = Files.createDirectory(directory.resolve("second"));
        Path conf = Files.writeString(directory.resolve("server.conf"),
                "listen: 127.0.0.1:-1\nports_file_dir: \"" + first + "\"\n");
        try (LaunchedProcess server = LaunchedProcess.start(directory, "-c", conf.toString())) {
            String name = "jnatsd_" + server.pid() + ".ports";
            await().atMost(LaunchedProcess.START_TIMEOUT).until(() -> Files.exists(first.resolve(name)));
            int port = server.clientPort();
            assertThat(Files.readString(first.resolve(name))).isEqualTo("{\"nats\":[\"nats://127.0.0.1:" + port + "\"]}");

            Files.writeString(conf, "listen: 127.0.0.1:-1\nports_file_dir: \"" + second + "\"\n");
            server.signal("HUP");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(second.resolve(name)));
            assertThat(first.resolve(name)).doesNotExist();
            assertThat(server.stderr()).contains("[INF] Reloaded: ports_file_dir = " + second + "\n");

            server.signal("TERM");
            assertThat(server.awaitExit()).isZero();
            assertThat(second.resolve(name)).doesNotExist();
        }
    }

    private static void pingPong(int port) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("INFO ");
            socket.getOutputStream().write("CONNECT {\"verbose\":false}\r\nPING\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("PONG");
        }
    }

    /**
     * bin/jnatsd's training start (the class archive's): after its own server is ready it routes
     * two servers of its own to each other, and a SIGTERM still ends it with status 0, once that
     * route training is done. Its own server's lines come first, as bin/jnatsd reads the port there.
     */
    @Test
    void theTrainingStartFormsARouteOfItsOwnAndExitsZeroOnSigterm() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djnatsd.training=true",
                "-cp", System.getProperty("java.class.path"), "io.jnatsd.launcher.Main", "-a", "127.0.0.1", "-p", "-1");
        try (LaunchedProcess server = LaunchedProcess.startCommand(directory, Map.of(), command)) {
            server.awaitLog("Server is ready");
            int port = server.clientPort();
            server.awaitLog("Route connection created");
            String log = server.stderr();
            assertThat(log.indexOf("Server is ready")).isLessThan(log.indexOf("Route connection created"));
            assertThat(log.indexOf("Listening for client connections on 127.0.0.1:" + port))
                    .isLessThan(log.indexOf("Server is ready"));

            server.signal("TERM");
            assertThat(server.awaitExit()).isZero();
        }
    }

    /**
     * A server that has no connection 100 ms after its start warms its message path up through
     * a server of its own (MessagePathWarmUp): nothing of that shows in the log, not even the
     * debug lines of its connections, and the real server's lines still do, as nats-server's.
     */
    @Test
    void theWarmUpOfAnIdleServerLeavesNoTraceInTheLog() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs /proc to see the warm-up's thread");
        try (LaunchedProcess server = LaunchedProcess.start(directory, "-a", "127.0.0.1", "-p", "-1", "-D")) {
            int port = server.clientPort();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                    .until(() -> server.threadNames().contains("jnatsd-warm-up"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !server.threadNames().contains("jnatsd-warm-up"));

            String log = server.stderr();
            assertThat(log.lines().filter(line -> line.endsWith("Server is ready"))).hasSize(1);
            assertThat(log.lines().filter(line -> line.contains("Listening for client connections"))).hasSize(1);
            assertThat(log).doesNotContain("warm-up").doesNotContain("Client connection");
            Options options = new Options.Builder().server("nats://127.0.0.1:" + port)
                    .connectionTimeout(Duration.ofSeconds(15)).build();
            try (Connection nc = Nats.connect(options)) {
                assertThat(nc.getServerInfo().getPort()).isEqualTo(port);
            }
            // nats-server's debug lines for a client, its address and cid first (5: after its internal clients).
            await().atMost(Duration.ofSeconds(10)).until(() -> server.stderr().contains("Client connection closed: "));
            assertThat(server.stderr()).containsPattern(
                    "\\[DBG\\] 127\\.0\\.0\\.1:\\d+ - cid:5 - Client connection created\n")
                    .containsPattern("\\[DBG\\] 127\\.0\\.0\\.1:\\d+ - cid:5 - Client connection closed: Client Closed\n");
        }
    }

    @Test
    void versionPrintsTheVersionLine() throws Exception {
        try (LaunchedProcess launcher = LaunchedProcess.start(directory, "-v")) {
            assertThat(launcher.awaitExit()).isZero();
            assertThat(launcher.stdout()).isEqualTo("jnatsd: v0.1.0 (nats-server 2.10.27 compatible)\n");
        }
    }

    private int signalCommand(String... args) throws Exception {
        try (LaunchedProcess command = LaunchedProcess.start(directory, args)) {
            int status = command.awaitExit();
            assertThat(command.stderr()).as("stderr of --signal").isEmpty();
            return status;
        }
    }

    /** Bit 2 (SIGINT) of the ignored-signal mask in /proc/self/status; false where there is no /proc. */
    private static boolean sigintIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseLong(line.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(mask -> (mask & (1L << 1)) != 0);
    }
}
