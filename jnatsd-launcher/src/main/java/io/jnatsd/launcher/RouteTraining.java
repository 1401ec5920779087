package io.jnatsd.launcher;

import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route between two servers of this process, for the start that records the class archive
 * ({@code bin/jnatsd}'s training), so that a clustered start maps what it needs from the archive
 * instead of loading and verifying it from the jar (the route listener, dialer and pool, Netty's
 * {@code Bootstrap} and resolver, the route protocol and JSON, the monitoring endpoints and the
 * system account's heartbeats across a route; docs/STARTUP.md, "Fifth round"). Never on an
 * ordinary start.
 *
 * <p>Both servers are configured through the command-line flags a cluster member gets, on random
 * loopback ports; the second is seeded to the first. Once the pools are full, a client on one
 * receives what a client on the other publishes, the monitoring port answers {@code /varz} and
 * {@code /routez}, and the pair stays up until the first system heartbeats have crossed.
 */
final class RouteTraining {
    private static final Logger LOG = LoggerFactory.getLogger(RouteTraining.class);
    /** Every wait of the training together stays under this. */
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    /** How long the pair stays up after both started: the heartbeats at 250 and 500 ms have crossed by then. */
    private static final long HEARTBEATS_NANOS = TimeUnit.MILLISECONDS.toNanos(800);
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final String CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,"
            + "\"no_responders\":true,\"protocol\":1}\r\n";

    private RouteTraining() {
    }

    /** Starts the pair on a thread of its own; the caller joins it before the process exits. */
    static Thread startInBackground() {
        Thread thread = new Thread(() -> {
            try {
                run();
            } catch (Exception e) {
                LOG.debug("Route training stopped: {}", e.toString());
            }
        }, "jnatsd-route-training");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Forms the route, carries a message across it, and stops both servers. */
    static void run() throws Exception {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        try (JnatsdServer seed = JnatsdServer.start(options("-m", "-1", "--cluster", "nats://127.0.0.1:-1"))) {
            String seedRoute = "nats://127.0.0.1:" + seed.server().cluster().listenPort();
            try (JnatsdServer peer = JnatsdServer.start(options("--cluster", "nats://127.0.0.1:-1", "--routes", seedRoute))) {
                long started = System.nanoTime();
                awaitPools(seed, deadline);
                awaitPools(peer, deadline);
                exchange(seed.port(), peer.port(), deadline);
                get(seed.monitorPort(), "/varz");
                get(seed.monitorPort(), "/routez");
                while (System.nanoTime() - started < HEARTBEATS_NANOS) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            }
        }
    }

    private static ServerOptions options(String... clusterFlags) throws LaunchException {
        String[] flags = new String[clusterFlags.length + 6];
        System.arraycopy(new String[] {"-a", "127.0.0.1", "-p", "-1", "--cluster_name", "jnatsd-training"}, 0, flags, 0, 6);
        System.arraycopy(clusterFlags, 0, flags, 6, clusterFlags.length);
        return FlagOverrides.apply(FlagParser.parse(flags), ServerOptions.defaults());
    }

    /** Waits until the server's pool to its one peer is full: the pool and the system account's route. */
    private static void awaitPools(JnatsdServer server, long deadline) throws IOException {
        ServerOptions options = server.options();
        int poolSize = options.cluster().poolSize() > 0 ? options.cluster().poolSize() : ClusterOptions.DEFAULT_POOL_SIZE;
        int expected = poolSize + (options.systemAccountName() != null ? 1 : 0);
        Cluster cluster = server.server().cluster();
        while (cluster.remoteCount() != 1 || cluster.routes().size() != expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the training route pool did not fill: " + cluster.routes().size() + " routes");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** A client of the peer publishes until a client of the seed, subscribed, receives a message. */
    private static void exchange(int seedPort, int peerPort, long deadline) throws IOException {
        try (Client subscriber = new Client(seedPort); Client publisher = new Client(peerPort)) {
            subscriber.send("SUB training 1\r\nPING\r\n");
            subscriber.await("PONG");
            subscriber.socket.setSoTimeout(20);
            while (true) {
                publisher.send("PUB training 5\r\nhello\r\nHPUB training 12 17\r\nNATS/1.0\r\n\r\nhello\r\nPING\r\n");
                publisher.await("PONG");
                try {
                    subscriber.await("MSG");
                    break;
                } catch (SocketTimeoutException e) {
                    // the interest has not crossed the route yet
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("no message crossed the training route");
                }
            }
            subscriber.send("UNSUB 1\r\n");
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One monitoring request, read to its end (the server closes after the answer). */
    private static void get(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            send(socket, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            socket.getInputStream().readAllBytes();
        }
    }

    /** A plain client connection: INFO read and CONNECT sent. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;

        Client(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            await("INFO");
            send(CONNECT);
        }

        void send(String text) throws IOException {
            RouteTraining.send(socket, text);
        }

        /** Reads lines until one starts with {@code prefix}. */
        void await(String prefix) throws IOException {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(prefix)) {
                    return;
                }
            }
            throw new IOException("connection closed before " + prefix);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
