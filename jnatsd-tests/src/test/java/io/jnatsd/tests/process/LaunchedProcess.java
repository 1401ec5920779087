package io.jnatsd.tests.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The launcher run as a process of its own, {@code java -cp <this test class path>
 * io.jnatsd.launcher.Main}, so no jar has to be built first. stdout and stderr go to files
 * that the test reads while the process runs. C1 only: these processes live for seconds, and
 * it saves about a quarter of their start-up CPU time.
 */
public final class LaunchedProcess implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CLIENT_PORT = Pattern.compile("Listening for client connections on [^ ]+:(\\d+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private LaunchedProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static LaunchedProcess start(Path directory, String... args) throws IOException {
        return startCommand(directory, Map.of(), launcherCommand(args));
    }

    /** The command that runs the launcher from this test class path with these arguments. */
    public static List<String> launcherCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.jnatsd.launcher.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * {@code server} with these arguments: {@code "jnatsd"} (the launcher), or the name of the
     * environment variable that names a nats-server binary ({@code NATS_SERVER_210}); the test is
     * skipped, not failed, when that variable is unset.
     */
    static LaunchedProcess startServer(String server, Path directory, String... args) throws IOException {
        if (server.equals("jnatsd")) {
            return start(directory, args);
        }
        String binary = System.getenv(server);
        Assumptions.assumeTrue(binary != null && !binary.isBlank(), server
                + " is not set: run ../shared/tools/reference-servers and export it to compare with nats-server");
        List<String> command = new ArrayList<>(List.of(binary));
        command.addAll(List.of(args));
        return startCommand(directory, Map.of(), command);
    }

    /** Any command that ends up running the launcher, with extra environment variables. */
    public static LaunchedProcess startCommand(Path directory, Map<String, String> environment, List<String> command)
            throws IOException {
        Path stdout = Files.createTempFile(directory, "stdout", ".txt");
        Path stderr = Files.createTempFile(directory, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        return new LaunchedProcess(process, stdout, stderr);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public long pid() {
        return process.pid();
    }

    String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** Waits for a log line on stderr (where the launcher logs unless -l is given). */
    public void awaitLog(String text) {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> stderr().contains(text) || !process.isAlive());
        if (!stderr().contains(text)) {
            throw new AssertionError("exited with " + process.exitValue() + " before logging \"" + text + "\":\n"
                    + stderr());
        }
    }

    /** The client port, read from the "Listening for client connections" line. */
    int clientPort() {
        awaitLog("Listening for client connections on");
        Matcher matcher = CLIENT_PORT.matcher(stderr());
        if (!matcher.find()) {
            throw new AssertionError("no client port in:\n" + stderr());
        }
        return Integer.parseInt(matcher.group(1));
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    /** The names of the process's threads now, from /proc (Linux; empty elsewhere). */
    List<String> threadNames() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        List<String> names = new ArrayList<>();
        try (var entries = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) entries::iterator) {
                try {
                    names.add(Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // not Linux, or the process ended
        }
        return names;
    }

    /** The exit status; fails if the process is still running after the timeout. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("still running:\n" + stderr());
        }
        return process.exitValue();
    }

    /** Whether the process is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Kills the process and waits a bounded time for it to be gone. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
