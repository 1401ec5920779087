package io.jnatsd.tests.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code logfile_size_limit} and {@code logfile_max_num} seen from the file system, the same
 * checks for jnatsd and for nats-server 2.10 (skipped unless {@code NATS_SERVER_210} names it):
 * the file is rotated to a time-stamped backup, the new file's first line names it, and only
 * the newest backups stay, each one removed logged.
 */
class LogRotationProcessTest {
    private static final Pattern PORT = Pattern.compile("nats://127\\.0\\.0\\.1:(\\d+)");
    private static final String STAMP = "\\d{4}\\.\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{9}";

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"jnatsd", "NATS_SERVER_210"})
    void theLogRotatesByItsSizeAndKeepsAtMostMaxNumFiles(String server) throws Exception {
        Path log = directory.resolve("nats.log");
        Path conf = Files.writeString(directory.resolve("server.conf"), "listen: 127.0.0.1:-1\ndebug: true\n"
                + "log_file: \"" + log + "\"\nlogfile_size_limit: 3000\nlogfile_max_num: 2\n"
                + "ports_file_dir: \"" + directory + "\"\n");
        try (LaunchedProcess process = LaunchedProcess.startServer(server, directory, "-c", conf.toString())) {
            int port = awaitPort();
            for (int i = 0; i < 60; i++) {
                connectAndLeave(port);
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.readString(log).contains("Purged log file") && backups().size() == 1);

            List<Path> backups = backups();
            assertThat(backups).hasSize(1);
            String backupName = backups.get(0).getFileName().toString();
            assertThat(backupName).matches("nats\\.log\\." + STAMP);
            String current = Files.readString(log);
            assertThat(current.lines().findFirst().orElseThrow())
                    .matches("\\[\\d+\\] [0-9/]+ [0-9:.]+ \\[INF\\] Rotated log, backup saved as \""
                            + Pattern.quote(log.toString()) + "\\.(" + STAMP + ")\"");
            assertThat(current).containsPattern("\\[INF\\] Purged log file \"nats\\.log\\." + STAMP + "\"\r\n");
            assertThat(Files.size(backups.get(0))).isGreaterThan(3000);
            // the first file (the banner's) was purged: the backup kept began with a rotation of its own
            assertThat(Files.readString(backups.get(0)).lines().findFirst().orElseThrow())
                    .contains("[INF] Rotated log, backup saved as");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-r-----");
        }
    }

    private int awaitPort() throws Exception {
        Path[] portsFile = new Path[1];
        await().atMost(LaunchedProcess.START_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (Stream<Path> files = Files.list(directory)) {
                portsFile[0] = files.filter(f -> f.getFileName().toString().endsWith(".ports")).findFirst().orElse(null);
            }
            return portsFile[0] != null && PORT.matcher(Files.readString(portsFile[0])).find();
        });
        Matcher port = PORT.matcher(Files.readString(portsFile[0]));
        assertThat(port.find()).isTrue();
        return Integer.parseInt(port.group(1));
    }

    private List<Path> backups() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("nats.log.")).sorted().toList();
        }
    }

    /** A client that connects, is answered, and leaves: a few debug lines in the log each time. */
    private static void connectAndLeave(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("INFO ");
            OutputStream out = socket.getOutputStream();
            out.write("CONNECT {\"verbose\":false}\r\nPING\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(in.readLine()).isEqualTo("PONG");
        }
    }
}
