package io.jnatsd.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * The {@code -l} file, appended to and rotated as nats-server's is. With
 * {@code logfile_size_limit}, the line that takes the file past the limit is the old file's
 * last: the file is renamed to {@code <name>.YYYY.MM.DD.hh.mm.ss.nnnnnnnnn} (local time), a new
 * one is opened, and its first line names the backup. With {@code logfile_max_num} N, only the
 * N-1 newest backups are kept; each one deleted is logged. Both servers create the file
 * {@code rw-r-----}.
 *
 * <p>Lines about the rotation itself are written straight into the file, whatever the level,
 * and end in {@code \r\n} as nats-server's do. The size counted is the file's, these lines
 * included (nats-server leaves the purge lines out: a few dozen bytes sooner or later).
 */
final class LogFile implements LogDestination {
    private static final FileAttribute<Set<PosixFilePermission>> PERMISSIONS =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"));
    /** nats-server's backup suffix, fraction optional as its parser allows. */
    private static final Pattern BACKUP_STAMP = Pattern.compile("\\d{4}(\\.\\d{2}){5}(\\.\\d+)?");

    private final Path path;
    private final long configuredLimit;
    /** The size that rotates the file: the configured one, doubled after each rotation that failed. */
    private long limit;
    private final int maxFiles;
    private final NatsLogLayout layout;
    private OutputStream stream;
    private long size;
    private LocalDateTime lastBackup = LocalDateTime.MIN;

    private LogFile(Path path, long limit, int maxFiles, NatsLogLayout layout) throws IOException {
        this.path = path;
        this.configuredLimit = limit;
        this.limit = limit;
        this.maxFiles = maxFiles;
        this.layout = layout;
        open();
    }

    /**
     * Opens {@code name} for appending. {@code limit} 0 or less never rotates; {@code maxFiles}
     * 0 or less keeps every backup.
     */
    static LogFile open(String name, long limit, int maxFiles, boolean logtime) throws IOException {
        return new LogFile(Path.of(name), limit, maxFiles, new NatsLogLayout(logtime));
    }

    private void open() throws IOException {
        stream = Channels.newOutputStream(Files.newByteChannel(path,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), PERMISSIONS));
        size = Files.size(path);
    }

    /** The file was already past the limit when opened: nats-server then logs that it rotates. */
    boolean pastLimit() {
        return limit > 0 && size > limit;
    }

    @Override
    public void write(Instant time, Level level, boolean fatal, String message, Throwable throwable)
            throws IOException {
        write(layout.format(time, level, fatal, message, throwable).getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] line) throws IOException {
        stream.write(line);
        stream.flush();
        size += line.length;
        if (limit > 0 && size > limit) {
            rotate();
        }
    }

    /** Opens the file by its name again (SIGUSR1, after something else moved it away). */
    void reopen() throws IOException {
        OutputStream previous = stream;
        open();
        closeQuietly(previous);
    }

    @Override
    public void close() {
        closeQuietly(stream);
    }

    private void rotate() throws IOException {
        stream.close();
        // the clock ticks in microseconds here: two rotations within one would pick the same name
        LocalDateTime now = LocalDateTime.now();
        lastBackup = now.isAfter(lastBackup) ? now : lastBackup.plusNanos(1);
        Path backup = path.resolveSibling(path.getFileName() + "." + backupStamp(lastBackup));
        IOException notMoved = null;
        try {
            Files.move(path, backup);
        } catch (IOException e) {
            notMoved = e;
        }
        open();
        if (notMoved != null) {
            // nats-server ignores a failed rename and says it rotated; saying what happened surprises
            // no one. The next try waits for twice the size, as nats-server's after a failed close.
            limit *= 2;
            writeDirect(Level.ERROR, "Unable to rotate log file " + quoted(path.toString()) + " ("
                    + notMoved.getMessage() + "), will attempt next rotation at size " + limit);
            return;
        }
        limit = configuredLimit;
        writeDirect(Level.INFO, "Rotated log, backup saved as " + quoted(backup.toString()));
        if (maxFiles > 0) {
            purge();
        }
    }

    /** Deletes the oldest backups (their names sort by time) beyond the newest {@code maxFiles - 1}. */
    private void purge() throws IOException {
        Path directory = path.toAbsolutePath().getParent();
        String prefix = path.getFileName() + ".";
        List<String> backups = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(prefix) && BACKUP_STAMP.matcher(name.substring(prefix.length())).matches()
                        && !Files.isDirectory(entry)) {
                    backups.add(name);
                }
            }
        } catch (IOException e) {
            writeDirect(Level.ERROR, "Unable to read directory " + quoted(directory.toString())
                    + " for log purge (" + e.getMessage() + "), will attempt next rotation");
            return;
        }
        backups.sort(null);
        for (int i = 0; i < backups.size() - (maxFiles - 1); i++) {
            String backup = backups.get(i);
            try {
                Files.delete(directory.resolve(backup));
            } catch (IOException e) {
                writeDirect(Level.ERROR, "Unable to remove backup log file " + quoted(backup) + " ("
                        + e.getMessage() + "), will attempt next rotation");
                return;
            }
            writeDirect(Level.INFO, "Purged log file " + quoted(backup));
        }
    }

    private void writeDirect(Level level, String message) throws IOException {
        String line = layout.format(Instant.now(), level, false, message, null);
        byte[] bytes = (line.substring(0, line.length() - 1) + "\r\n").getBytes(StandardCharsets.UTF_8);
        stream.write(bytes);
        stream.flush();
        size += bytes.length;
    }

    /** {@code 2006.01.02.15.04.05.000000000}: nats-server's backup suffix, nanoseconds in full. */
    static String backupStamp(LocalDateTime time) {
        return String.format("%04d.%02d.%02d.%02d.%02d.%02d.%09d", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond(), time.getNano());
    }

    /** Go's {@code %q} for the names a log file has: quotes and backslashes escaped. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // closing a file we only appended to: nothing to recover
        }
    }
}
