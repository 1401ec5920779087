package io.jnatsd.tests.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jnatsd} stopped while it records its class archive (the first start after a build):
 * the training server it started must go down with it. Left running, it held the archive's lock,
 * so no later start trained again and every start ran without an archive at twice the CPU.
 * The script runs in a folder of its own with a copy of the built jar, so the checkout's archive
 * is not touched; skipped when the jar has not been built.
 */
class TrainingStoppedTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("jnatsd-launcher/target/jnatsd.jar");

    @TempDir
    Path directory;

    @Test
    void aScriptStoppedWhileTrainingLeavesNoTrainingServerBehind() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), JAR + " is missing: bin/jnatsd needs `mvn package` first");
        Path root = directory.resolve("root");
        Path script = root.resolve("bin/jnatsd");
        Path target = root.resolve("jnatsd-launcher/target");
        Files.createDirectories(script.getParent());
        Files.createDirectories(target);
        Files.copy(ROOT.resolve("bin/jnatsd"), script, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(JAR, target.resolve("jnatsd.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        try (LaunchedProcess server = LaunchedProcess.startCommand(directory, Map.of("JAVA", java),
                List.of(script.toString(), "-a", "127.0.0.1", "-p", "-1"))) {
            ProcessHandle training = await().atMost(LaunchedProcess.START_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> trainingServer(server.pid()), Optional::isPresent).orElseThrow();

            server.signal("TERM");

            assertThat(server.awaitExit()).isEqualTo(143);
            await().atMost(Duration.ofSeconds(15)).until(() -> !training.isAlive());
            try (Stream<Path> files = Files.list(target)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .as("no half-recorded archive or training log left")
                        .noneMatch(name -> name.matches("jnatsd-\\d+\\.(jsa|aot)\\.\\d+.*"));
            }
        }
    }

    /** The training JVM among the script's children, once it runs. */
    private static Optional<ProcessHandle> trainingServer(long scriptPid) {
        return ProcessHandle.of(scriptPid).stream().flatMap(ProcessHandle::children)
                .filter(child -> child.info().commandLine().orElse("").contains("-Djnatsd.training=true"))
                .findFirst();
    }
}
