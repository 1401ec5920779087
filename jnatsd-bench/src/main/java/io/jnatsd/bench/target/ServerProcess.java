package io.jnatsd.bench.target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One server started as a child process, its output going to a log file. Every started server
 * is registered for a JVM shutdown hook, so that Ctrl-C or an exception never leaves servers
 * behind holding ports and CPU.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOG_LINES_IN_ERRORS = 15;
    private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServerProcess::close), "bench-server-stopper"));
    }

    private final Process process;
    private final InetSocketAddress clientAddress;
    private final Path log;

    private ServerProcess(Process process, InetSocketAddress clientAddress, Path log) {
        this.process = process;
        this.clientAddress = clientAddress;
        this.log = log;
    }

    /** Starts {@code command}; the server is not ready yet, see {@link #awaitReady(long)}. */
    static ServerProcess start(List<String> command, InetSocketAddress clientAddress, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        ServerProcess server = new ServerProcess(process, clientAddress, log);
        RUNNING.add(server);
        return server;
    }

    /**
     * Waits until the client port greets with INFO; fails early when the process exits.
     *
     * @throws IOException on exit or timeout, with the end of the server's log
     */
    void awaitReady(long deadlineNanos) throws IOException {
        try {
            ClientPort.awaitInfo(clientAddress, deadlineNanos, process::isAlive);
        } catch (IOException e) {
            throw failure(e.getMessage());
        }
    }

    /** An exception naming the command's fate and quoting the end of its log. */
    IOException failure(String problem) {
        String state = process.isAlive() ? "still running" : "exited with status " + process.exitValue();
        return new IOException(problem + "; server " + state + ", log " + log + ":\n" + logTail());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /** Asks the server to stop (SIGTERM), and kills it when it has not stopped within a few seconds. */
    @Override
    public void close() {
        RUNNING.remove(this);
        // bin/jnatsd may still be running its first-start build: stop those children too.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }
}
