package io.jnatsd.tests.protocol;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A reference nats-server started as a subprocess on a free port of 127.0.0.1, for differential
 * tests. Its log goes to a file beside its optional config, so a full pipe can never stall it.
 */
final class GoServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final Path config;

    private GoServerProcess(Process process, int port, Path log, Path config) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.config = config;
    }

    /**
     * Starts {@code binary} with {@code -a 127.0.0.1 -p <free port>}, the given extra arguments and,
     * when {@code config} is not null, a config file with that content.
     */
    static GoServerProcess start(String binary, Path workDirectory, String config, String... extraArguments)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(binary, "-a", "127.0.0.1", "-p", Integer.toString(port)));
        Path file = null;
        if (config != null) {
            file = Files.createTempFile(workDirectory, "nats-", ".conf");
            Files.writeString(file, config);
            command.add("-c");
            command.add(file.toString());
        }
        command.addAll(List.of(extraArguments));
        Path log = Files.createTempFile(workDirectory, "nats-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GoServerProcess server = new GoServerProcess(process, port, log, file);
        server.awaitListening();
        return server;
    }

    /**
     * The reference nats-server 2.10 that {@code NATS_SERVER_210} names; when it is unset the
     * calling test is skipped (a JUnit assumption), never failed.
     */
    static String assumeBinary() {
        String binary = System.getenv("NATS_SERVER_210");
        Assumptions.assumeTrue(binary != null && !binary.isBlank(),
                "NATS_SERVER_210 is not set: no reference nats-server to compare with");
        return binary;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!process.isAlive()) {
                throw new IOException("nats-server exited: " + Files.readString(log));
            }
            // A local port equal to the server's is a TCP self-connection, not the server.
            try (Socket probe = new Socket("127.0.0.1", port)) {
                if (probe.getLocalPort() != port) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(25);
        }
        close();
        throw new IOException("nats-server did not listen on " + port + ": " + Files.readString(log));
    }

    int port() {
        return port;
    }

    /** The config file it was started with (null without one): rewrite it, then {@link #reload()}. */
    Path config() {
        return config;
    }

    /** SIGHUP: nats-server reads its config file again. */
    void reload() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
    }

    /**
     * Everything the server logged so far. Read leniently: a traced payload cut by
     * {@code max_traced_msg_len} may end inside a UTF-8 character, which reads as U+FFFD.
     */
    String log() throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
