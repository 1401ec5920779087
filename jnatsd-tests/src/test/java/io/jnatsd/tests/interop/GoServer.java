package io.jnatsd.tests.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real nats-server started as a child process for interop tests, from the binary named by
 * {@code NATS_SERVER_210} or {@code NATS_SERVER_29} (see shared/tools/reference-servers). Tests
 * that need one are skipped when the variable is unset.
 */
final class GoServer implements AutoCloseable {
    /** Ports {@link #freePort} returned in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path log;
    final String name;
    final int clientPort;
    final int clusterPort;
    final int monitorPort;
    private String serverId;

    private GoServer(Process process, Path log, String name, int clientPort, int clusterPort, int monitorPort) {
        this.process = process;
        this.log = log;
        this.name = name;
        this.clientPort = clientPort;
        this.clusterPort = clusterPort;
        this.monitorPort = monitorPort;
    }

    static String binary(String variable) {
        String path = System.getenv(variable);
        assumeTrue(path != null && !path.isEmpty() && Files.isExecutable(Path.of(path)),
                variable + " is not set: run eval \"$(../shared/tools/reference-servers)\" to enable interop tests");
        return path;
    }

    /** Starts a server with a cluster block; {@code clusterExtra} is added inside it. */
    static GoServer start(String variable, String name, String clusterName, List<Integer> routePorts,
                          String clusterExtra) throws IOException, InterruptedException {
        return start(variable, name, clusterName, routePorts, clusterExtra, "");
    }

    /** The same with {@code topExtra} added at the top level of the configuration (e.g. an accounts block). */
    static GoServer start(String variable, String name, String clusterName, List<Integer> routePorts,
                          String clusterExtra, String topExtra) throws IOException, InterruptedException {
        String binary = binary(variable);
        int clientPort = freePort();
        int clusterPort = freePort();
        int monitorPort = freePort();
        StringBuilder routes = new StringBuilder();
        for (int port : routePorts) {
            routes.append("    nats-route://127.0.0.1:").append(port).append('\n');
        }
        String config = "server_name: " + name + "\nhost: 127.0.0.1\nport: " + clientPort + "\n"
                + "http: 127.0.0.1:" + monitorPort + "\n" + topExtra + "\n"
                + "cluster {\n  name: " + clusterName + "\n  listen: 127.0.0.1:" + clusterPort + "\n"
                + (routePorts.isEmpty() ? "" : "  routes: [\n" + routes + "  ]\n") + clusterExtra + "\n}\n";
        Path dir = Files.createTempDirectory("jnatsd-interop-");
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, config);
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(binary, "-c", file.toString(), "-D")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GoServer server = new GoServer(process, log, name, clientPort, clusterPort, monitorPort);
        server.awaitPort(clientPort, Duration.ofSeconds(10));
        server.awaitPort(monitorPort, Duration.ofSeconds(10));
        return server;
    }

    /**
     * A port nothing listens on and that no earlier call in this JVM returned: once its probe
     * socket is closed the kernel may offer the same port again, and a CI run gave one server's
     * monitor and cluster listeners the same port ("bind: address already in use").
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
        throw new IOException("every free port offered in 100 tries was handed out before");
    }

    private void awaitPort(int port, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited:\n" + log());
            }
            // A local port equal to the server's is a TCP self-connection, not the server.
            try (Socket probe = new Socket("127.0.0.1", port)) {
                if (probe.getLocalPort() != port) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("nats-server did not listen on " + port + ":\n" + log());
    }

    String clientUrl() {
        return "nats://127.0.0.1:" + clientPort;
    }

    /** A monitoring endpoint's JSON, e.g. {@code routez?subs=detail}. */
    JsonNode monitor(String endpoint) throws IOException {
        URL url = URI.create("http://127.0.0.1:" + monitorPort + "/" + endpoint).toURL();
        return JSON.readTree(url);
    }

    String serverId() throws IOException {
        if (serverId == null) {
            serverId = monitor("varz").get("server_id").asText();
        }
        return serverId;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Log lines that show the Go server disliked something jnatsd sent. */
    List<String> protocolErrors() throws IOException {
        List<String> errors = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.contains("[ERR]") && !line.contains("Error trying to connect to route")
                    && !line.contains("connection refused")) {
                errors.add(line);
            }
        }
        return errors;
    }

    /** Puts the server in lame duck mode (SIGUSR2, as {@code nats-server --signal ldm} does). */
    void enterLameDuckMode() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-USR2", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("could not signal nats-server " + process.pid());
        }
    }

    /** Kills the server without a goodbye (SIGKILL): no SHUTDOWN event, connections just die. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Path dir = log.getParent();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
