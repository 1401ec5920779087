package io.jnatsd.bench.startup;

import io.jnatsd.bench.target.FreePorts;
import io.jnatsd.bench.target.LaunchedTarget;
import io.jnatsd.bench.target.ProcessStats;
import io.jnatsd.bench.target.Topology;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Launches the servers of a cluster together (every one seeded to the first, as the other
 * cluster scenarios) and times how long until every server delivers to every other: a client
 * on each server subscribes to its own subject, and each client publishes to the other
 * servers' subjects every few milliseconds until every ordered pair has delivered a message.
 * Routes do not forward to routes, so all pairs delivering means a full mesh with interest
 * exchanged. CPU is the processes' together at that moment.
 */
final class MeshProbe {
    private static final long ROUND_NANOS = 2_000_000L;
    private static final int IO_TIMEOUT_MILLIS = 10_000;

    /** One cluster start; milliseconds. */
    record MeshTiming(double launchToDelivering, double cpu) {
    }

    private MeshProbe() {
    }

    /** {@code servers} processes of {@code target}, launched together. */
    static MeshTiming measure(LaunchedTarget target, int servers, Duration timeout) throws IOException {
        Topology topology = servers == 3 ? Topology.CLUSTER_OF_THREE : Topology.CLUSTER_OF_TWENTY;
        List<Integer> ports = FreePorts.take(3 * servers);
        List<StartedProcess> processes = new ArrayList<>();
        try {
            List<List<String>> commands = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                commands.add(target.command(topology, i, ports));
            }
            long launched = System.nanoTime();
            for (int i = 0; i < servers; i++) {
                processes.add(StartedProcess.launch(commands.get(i), target.logFile(topology, i, ports)));
            }
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                addresses.add(new InetSocketAddress("127.0.0.1", ports.get(3 * i)));
            }
            long meshed = awaitAllDelivering(addresses, launched, timeout,
                () -> processes.stream().allMatch(StartedProcess::isAlive));
            double cpu = 0;
            for (StartedProcess process : processes) {
                cpu += ProcessStats.cpuNanos(process.pid()) / 1e6;
            }
            return new MeshTiming(StartProbe.millis(meshed - launched), cpu);
        } finally {
            processes.forEach(StartedProcess::close);
        }
    }

    /**
     * Waits until every client address delivers to every other; returns the nanoTime of the
     * last first delivery. {@code alive} is false once a server has exited.
     */
    static long awaitAllDelivering(List<InetSocketAddress> addresses, long launched, Duration timeout,
                                   BooleanSupplier alive) throws IOException {
        int servers = addresses.size();
        long deadline = launched + timeout.toNanos();
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < servers; i++) {
                LineClient client = connectWhenReady(addresses.get(i), alive, deadline);
                clients.add(client);
                client.readTimeout(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                try {
                    client.readLine();
                } catch (IOException e) {
                    throw new IOException("server " + i + ", waiting for INFO: " + e.getMessage(), e);
                }
                client.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\nSUB mesh." + i + " 1\r\n");
            }
            boolean[][] delivered = new boolean[servers][servers];
            int missing = servers * (servers - 1);
            StringBuilder payload = new StringBuilder();
            while (missing > 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("cluster not delivering between all servers within " + timeout.toMillis()
                        + " ms (" + missing + " of " + servers * (servers - 1) + " pairs missing)");
                }
                if (!alive.getAsBoolean()) {
                    throw new IOException("a cluster member exited during start-up");
                }
                for (int from = 0; from < servers; from++) {
                    StringBuilder batch = new StringBuilder();
                    for (int to = 0; to < servers; to++) {
                        if (from != to && !delivered[from][to]) {
                            batch.append("PUB mesh.").append(to).append(' ').append(Integer.toString(from).length())
                                .append("\r\n").append(from).append("\r\n");
                        }
                    }
                    if (batch.length() > 0) {
                        clients.get(from).send(batch.toString());
                    }
                }
                long roundEnd = System.nanoTime() + ROUND_NANOS;
                while (System.nanoTime() - roundEnd < 0) {
                    for (int to = 0; to < servers; to++) {
                        LineClient client = clients.get(to);
                        while (client.ready()) {
                            String frame;
                            try {
                                frame = client.readFrame(payload);
                            } catch (IOException e) {
                                throw new IOException("server " + to + ": " + e.getMessage(), e);
                            }
                            if (frame.startsWith("MSG ")) {
                                int from = Integer.parseInt(payload.toString().trim());
                                if (!delivered[from][to]) {
                                    delivered[from][to] = true;
                                    missing--;
                                }
                            }
                        }
                    }
                    LockSupport.parkNanos(100_000L);
                }
            }
            return System.nanoTime();
        } finally {
            clients.forEach(LineClient::close);
        }
    }

    private static LineClient connectWhenReady(InetSocketAddress address, BooleanSupplier alive, long deadline)
            throws IOException {
        while (true) {
            if (!alive.getAsBoolean()) {
                throw new IOException("a cluster member exited during start-up");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("no connection to " + address + " in time");
            }
            try {
                return LineClient.connect(address, IO_TIMEOUT_MILLIS);
            } catch (ConnectException notListeningYet) {
                LockSupport.parkNanos(1_000_000L);
            }
        }
    }
}
