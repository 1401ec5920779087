package io.jnatsd.tests.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the log goes besides stderr and a file, the same checks for jnatsd and nats-server 2.10
 * (skipped unless {@code NATS_SERVER_210} names it): {@code -r udp://...} messages in Go's
 * syslog format, and the lines both print and exit with when the log cannot be opened.
 */
class SyslogProcessTest {
    private static final String GO_LOG_TIME = "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d ";

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"jnatsd", "NATS_SERVER_210"})
    void remoteSyslogGetsEveryLineWithPriorityTimeHostTagAndPid(String server) throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(30_000);
            try (LaunchedProcess process = LaunchedProcess.startServer(server, directory, "-a", "127.0.0.1", "-p", "-1",
                    "-D", "-r", "udp://127.0.0.1:" + receiver.getLocalPort())) {
                List<String> messages = new ArrayList<>();
                while (messages.stream().noneMatch(m -> m.endsWith(": Server is ready\n")) && messages.size() < 100) {
                    DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
                    receiver.receive(packet);
                    messages.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
                }
                String head = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d) [^ ]+ (jnatsd|nats-server)\\["
                        + process.pid() + "\\]: ";
                assertThat(messages.get(0)).matches("<5>" + head + "Starting (jnatsd|nats-server)\n");
                assertThat(messages).anySatisfy(m -> assertThat(m).matches("<7>" + head + "Created system account: .*\n"));
                assertThat(messages.get(messages.size() - 1)).matches("<5>" + head + "Server is ready\n");
                assertThat(process.stderr()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jnatsd", "NATS_SERVER_210"})
    void aReloadThatAddsRemoteSyslogSendsTheLinesAfterItsOwnThere(String server) throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(30_000);
            Path conf = Files.writeString(directory.resolve("server.conf"), "listen: 127.0.0.1:-1\n");
            try (LaunchedProcess process = LaunchedProcess.startServer(server, directory, "-c", conf.toString())) {
                process.awaitLog("Server is ready");
                Files.writeString(conf, "listen: 127.0.0.1:-1\nremote_syslog: \"udp://127.0.0.1:"
                        + receiver.getLocalPort() + "\"\n");
                process.signal("HUP");
                DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
                receiver.receive(packet);
                assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
                        .matches("<5>[^ ]+ [^ ]+ (jnatsd|nats-server)\\[" + process.pid()
                                + "\\]: Reloaded server configuration\n");
                assertThat(process.stderr()).contains("[INF] Reloaded: remote_syslog = udp://127.0.0.1:"
                        + receiver.getLocalPort() + "\n").doesNotContain("Reloaded server configuration");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jnatsd", "NATS_SERVER_210"})
    void aLogThatCannotBeOpenedStopsTheStartWithGosLine(String server) throws Exception {
        Path missing = directory.resolve("missing").resolve("server.log");
        try (LaunchedProcess process = LaunchedProcess.startServer(server, directory, "-a", "127.0.0.1", "-p", "-1",
                "-l", missing.toString())) {
            assertThat(process.awaitExit()).isEqualTo(1);
            assertThat(process.stderr()).matches(GO_LOG_TIME + "error opening file: open " + missing
                    + ": no such file or directory\n");
        }
        try (LaunchedProcess process = LaunchedProcess.startServer(server, directory, "-a", "127.0.0.1", "-p", "-1",
                "-r", "foo://x")) {
            assertThat(process.awaitExit()).isEqualTo(1);
            assertThat(process.stderr()).matches(GO_LOG_TIME + "error invalid network type: \"foo\"\n");
        }
        if (Files.notExists(Path.of("/dev/log")) && Files.notExists(Path.of("/var/run/syslog"))) {
            try (LaunchedProcess process = LaunchedProcess.startServer(server, directory, "-a", "127.0.0.1", "-p", "-1",
                    "-s")) {
                assertThat(process.awaitExit()).isEqualTo(1);
                assertThat(process.stderr()).matches(GO_LOG_TIME
                        + "error connecting to syslog: \"Unix syslog delivery error\"\n");
            }
        }
    }
}
