package io.jnatsd.tests.netns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.tests.process.LaunchedProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server process on a {@link NetworkLab} host: jnatsd (the launcher from the test class path)
 * or the nats-server binary named by an environment variable, started from the same
 * configuration text. Clients ({@link #clientUrl}) and monitoring ({@link #monitor}) reach it
 * over the host's control link on the fixed ports {@link #CLIENT_PORT} and {@link #MONITOR_PORT};
 * every host has a network stack of its own, so the ports never clash.
 */
public final class LabServer implements AutoCloseable {
    public static final int CLIENT_PORT = 4222;
    public static final int MONITOR_PORT = 8222;
    public static final String JNATSD = "jnatsd";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;
    private final NetworkLab.Host host;
    private final LaunchedProcess process;

    private LabServer(String kind, NetworkLab.Host host, LaunchedProcess process) {
        this.kind = kind;
        this.host = host;
        this.process = process;
    }

    /**
     * Starts {@code kind} ({@link #JNATSD} or an environment variable such as
     * {@code NATS_SERVER_210}) on {@code host} with {@code config}, client and monitor
     * listeners added on all addresses; returns once both listen.
     */
    public static LabServer start(String kind, NetworkLab.Host host, String config, Path directory) throws IOException {
        Path file = directory.resolve(host.name() + ".conf");
        Files.writeString(file, "server_name: " + host.name() + "\nlisten: 0.0.0.0:" + CLIENT_PORT
                + "\nhttp: 0.0.0.0:" + MONITOR_PORT + "\n" + config);
        List<String> command;
        if (kind.equals(JNATSD)) {
            command = LaunchedProcess.launcherCommand("-c", file.toString());
        } else {
            command = new ArrayList<>(List.of(binary(kind), "-c", file.toString()));
        }
        LabServer server = new LabServer(kind, host, LaunchedProcess.startCommand(directory, Map.of(),
                NetworkLab.onHost(host, command)));
        try {
            server.process.awaitLog("Server is ready");
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The nats-server binary named by {@code variable}; skips the test when it is unset. */
    public static String binary(String variable) {
        String path = System.getenv(variable);
        assumeTrue(path != null && !path.isBlank() && Files.isExecutable(Path.of(path)), variable
                + " is not set: run eval \"$(../shared/tools/reference-servers)\" and export it to compare with nats-server");
        return path;
    }

    public String name() {
        return host.name();
    }

    public boolean go() {
        return !kind.equals(JNATSD);
    }

    public NetworkLab.Host host() {
        return host;
    }

    public String clientUrl() {
        return "nats://" + host.controlAddress() + ":" + CLIENT_PORT;
    }

    /** A monitoring endpoint's JSON, e.g. {@code routez?subs=1}. */
    public JsonNode monitor(String endpoint) throws IOException {
        return JSON.readTree(URI.create("http://" + host.controlAddress() + ":" + MONITOR_PORT + "/" + endpoint).toURL());
    }

    /** Everything logged so far (both servers log to stderr). */
    public String log() {
        return process.stderr();
    }

    /** Log lines containing {@code text}. */
    public List<String> logLines(String text) {
        return log().lines().filter(line -> line.contains(text)).toList();
    }

    @Override
    public String toString() {
        return name() + " (" + (go() ? kind : JNATSD) + ")";
    }

    @Override
    public void close() {
        process.close();
    }
}
