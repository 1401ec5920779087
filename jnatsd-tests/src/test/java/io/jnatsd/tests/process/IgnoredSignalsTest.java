package io.jnatsd.tests.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jnatsd} started with SIGHUP, SIGINT and SIGTERM ignored, as a background job of a
 * non-interactive shell ({@code sh -c 'server &'}) or {@code nohup} starts it. nats-server 2.10
 * takes these signals back and still exits on SIGINT and SIGTERM (checked by hand: started under
 * {@code trap '' INT HUP TERM}, SIGINT exits 0, SIGTERM exits 1, SIGHUP reloads); tools that stop
 * servers with SIGINT would otherwise hang. The script runs the jar that {@code mvn package}
 * builds, so this test needs it, and no newer sources.
 */
class IgnoredSignalsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("bin/jnatsd");
    private static final Path JAR = ROOT.resolve("jnatsd-launcher/target/jnatsd.jar");

    @TempDir
    Path directory;

    @BeforeAll
    static void requireAFreshJar() throws IOException {
        assumeTrue(Files.isRegularFile(JAR), JAR + " is missing: bin/jnatsd needs `mvn package` first");
        FileTime built = Files.getLastModifiedTime(JAR);
        assumeTrue(Stream.of("jnatsd-server/src/main", "jnatsd-launcher/src/main")
                        .noneMatch(sources -> hasFileNewerThan(ROOT.resolve(sources), built)),
                JAR + " is older than its sources: bin/jnatsd would rebuild it, run `mvn package` first");
    }

    private static boolean hasFileNewerThan(Path directory, FileTime time) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.anyMatch(file -> lastModified(file).compareTo(time) > 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aServerStartedWithStopSignalsIgnoredStillStopsOnThem(String signal) throws Exception {
        List<String> command = List.of("sh", "-c", "trap '' HUP INT TERM; exec \"$0\" -a 127.0.0.1 -p -1",
                SCRIPT.toString());
        // No class data sharing archive: recording one is a second server start this test does not need.
        try (LaunchedProcess server = LaunchedProcess.startCommand(directory, Map.of("JNATSD_CDS", "0"), command)) {
            server.awaitLog("Server is ready");
            server.signal(signal);
            assertThat(server.awaitExit()).isZero();
            assertThat(server.stderr()).doesNotContain("stays ignored").contains("[INF] Server Exiting..");
        }
    }
}
