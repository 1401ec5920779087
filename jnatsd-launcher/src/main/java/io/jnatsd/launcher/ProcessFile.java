package io.jnatsd.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that tells other programs about this process (the {@code -P} pid file, the
 * {@code --ports_file_dir} ports file): written once, removed when the server exits.
 */
final class ProcessFile {
    private final Path path;

    private ProcessFile(Path path) {
        this.path = path;
    }

    static ProcessFile write(Path path, String content) throws LaunchException {
        try {
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LaunchException.of("could not write " + path + ": " + e.getMessage());
        }
        return new ProcessFile(path);
    }

    Path path() {
        return path;
    }

    /** Best effort: a file someone else already removed is not an error at exit. */
    void remove() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // nothing useful left to do while exiting
        }
    }
}
