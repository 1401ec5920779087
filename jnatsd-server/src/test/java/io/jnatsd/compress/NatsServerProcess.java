package io.jnatsd.compress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A reference nats-server started from a config file, for interop tests. */
final class NatsServerProcess implements AutoCloseable {
    private final Process process;
    final int clientPort;
    final int clusterPort;

    private NatsServerProcess(Process process, int clientPort, int clusterPort) {
        this.process = process;
        this.clientPort = clientPort;
        this.clusterPort = clusterPort;
    }

    static NatsServerProcess start(String executable, Path directory, String name, String compression, Integer routePort)
            throws IOException, InterruptedException {
        int clientPort = freePort();
        int clusterPort = freePort();
        String routes = routePort == null ? "" : "  routes: [\"nats-route://127.0.0.1:" + routePort + "\"]\n";
        String config = "server_name: " + name + "\nlisten: \"127.0.0.1:" + clientPort + "\"\n"
                + "cluster {\n  name: C1\n  listen: \"127.0.0.1:" + clusterPort + "\"\n"
                + "  compression: " + compression + "\n" + routes + "}\n";
        Path file = directory.resolve(name + ".conf");
        Files.writeString(file, config);
        Process process = new ProcessBuilder(executable, "-c", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile())
                .start();
        NatsServerProcess server = new NatsServerProcess(process, clientPort, clusterPort);
        server.awaitListening();
        return server;
    }

    /** Picks a port the OS considers free now; the server binds it a moment later. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Polls the client port. A connection whose local port is the port itself is a TCP
     * self-connection (the port is in the ephemeral range and nobody listens yet): it proves
     * nothing and, held open, would take the port from the server, so it is dropped and retried.
     */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), clientPort)) {
                if (probe.getLocalPort() != clientPort) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("nats-server exited with " + process.exitValue());
                }
            }
            Thread.sleep(5);
        }
        throw new IOException("nats-server did not listen on " + clientPort + " within 10 s");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
