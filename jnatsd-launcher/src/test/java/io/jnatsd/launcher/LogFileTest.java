package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

class LogFileTest {
    @TempDir
    Path directory;

    @Test
    void theLineThatPassesTheLimitIsTheOldFilesLastAndTheNewFileNamesTheBackup() throws Exception {
        Path path = directory.resolve("nats.log");
        LogFile file = LogFile.open(path.toString(), 300, 0, true);
        file.write(line(200, 'a'));
        file.write(line(200, 'b'));
        file.write(line(10, 'c'));
        file.close();

        List<Path> backups = backups(path);
        assertThat(backups).hasSize(1);
        assertThat(backups.get(0).getFileName().toString()).matches("nats\\.log\\.\\d{4}(\\.\\d{2}){5}\\.\\d{9}");
        assertThat(Files.readString(backups.get(0))).isEqualTo("a".repeat(199) + "\n" + "b".repeat(199) + "\n");
        String current = Files.readString(path);
        assertThat(current).matches("(?s)\\[\\d+\\] \\d{4}/\\d{2}/\\d{2} [0-9:.]+ \\[INF\\] Rotated log, backup saved as \""
                + java.util.regex.Pattern.quote(backups.get(0).toString()) + "\"\r\nc{9}\n");
    }

    @Test
    void withAMaximumOfThreeFilesTheTwoNewestBackupsStayAndEachPurgeIsLogged() throws Exception {
        Path path = directory.resolve("nats.log");
        Path unrelated = Files.writeString(directory.resolve("nats.log.old"), "keep");
        Path oldest = Files.writeString(directory.resolve("nats.log.2001.01.01.00.00.00.000000001"), "old");
        LogFile file = LogFile.open(path.toString(), 50, 3, true);
        for (int i = 0; i < 4; i++) {
            file.write(line(200, (char) ('a' + i)));
        }
        file.close();

        List<Path> backups = backups(path);
        assertThat(backups).hasSize(2).doesNotContain(oldest);
        // the second rotation purged the oldest; its line opens the file the third rotation kept
        assertThat(Files.readString(backups.get(0))).contains("[INF] Purged log file \"" + oldest.getFileName() + "\"\r\n")
                .contains("c".repeat(199));
        assertThat(Files.readString(backups.get(1))).contains("d".repeat(199));
        assertThat(Files.readString(unrelated)).isEqualTo("keep");
    }

    @Test
    void theFileIsCreatedReadableByItsGroupOnlyAsNatsServersIs() throws Exception {
        Path path = directory.resolve("nats.log");
        LogFile.open(path.toString(), 0, 0, true).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-r-----");
    }

    @Test
    void aFileAlreadyPastTheLimitIsRotatedWithItsFirstLine() throws Exception {
        Path path = Files.writeString(directory.resolve("nats.log"), "x".repeat(500));
        LogOutput output = new LogOutput();
        output.configure(Level.INFO, false, LogFile.open(path.toString(), 300, 0, false));
        output.write(Level.INFO, false, "after", null);
        output.stop();

        List<Path> backups = backups(path);
        assertThat(backups).hasSize(1);
        assertThat(Files.readString(backups.get(0))).endsWith("[INF] Rotating logfile...\n");
        assertThat(Files.readString(path)).contains("Rotated log, backup saved as").endsWith("[INF] after\n");
    }

    @Test
    void theBackupStampIsNatsServersWithNanosecondsInFull() {
        assertThat(LogFile.backupStamp(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6_000)))
                .isEqualTo("2026.01.02.03.04.05.000006000");
    }

    private static byte[] line(int length, char c) {
        return (String.valueOf(c).repeat(length - 1) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Path> backups(Path path) throws Exception {
        try (Stream<Path> files = Files.list(path.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("nats\\.log\\.\\d{4}\\..*")).sorted().toList();
        }
    }
}
