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

/**
 * Launches the three servers of a cluster together (B and C seeded to A, as the other cluster
 * scenarios) and times how long until every server delivers to every other: a client on each
 * server subscribes to its own subject, and each client publishes to the other two servers'
 * subjects every few milliseconds until all six ordered pairs have delivered a message.
 * CPU is the three processes' together at that moment.
 */
final class MeshProbe {
    private static final int SERVERS = 3;
    private static final long ROUND_NANOS = 2_000_000L;
    private static final int IO_TIMEOUT_MILLIS = 10_000;

    /** One cluster start; milliseconds. */
    record MeshTiming(double launchToDelivering, double cpu) {
    }

    private MeshProbe() {
    }

    static MeshTiming measure(LaunchedTarget target, Duration timeout) throws IOException {
        List<Integer> ports = FreePorts.take(3 * SERVERS);
        List<StartedProcess> servers = new ArrayList<>();
        List<LineClient> clients = new ArrayList<>();
        try {
            List<List<String>> commands = new ArrayList<>();
            for (int i = 0; i < SERVERS; i++) {
                commands.add(target.command(Topology.CLUSTER_OF_THREE, i, ports));
            }
            long launched = System.nanoTime();
            long deadline = launched + timeout.toNanos();
            for (int i = 0; i < SERVERS; i++) {
                servers.add(StartedProcess.launch(commands.get(i), target.logFile(Topology.CLUSTER_OF_THREE, i, ports)));
            }
            for (int i = 0; i < SERVERS; i++) {
                LineClient client = connectWhenReady(new InetSocketAddress("127.0.0.1", ports.get(3 * i)),
                    servers.get(i), deadline);
                clients.add(client);
                client.readTimeout((deadline - System.nanoTime()) / 1_000_000L);
                client.readLine();
                client.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\nSUB mesh." + i + " 1\r\n");
            }
            boolean[][] delivered = new boolean[SERVERS][SERVERS];
            int missing = SERVERS * (SERVERS - 1);
            StringBuilder payload = new StringBuilder();
            while (missing > 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("cluster not delivering between all servers within " + timeout.toMillis() + " ms");
                }
                for (int from = 0; from < SERVERS; from++) {
                    for (int to = 0; to < SERVERS; to++) {
                        if (from != to && !delivered[from][to]) {
                            clients.get(from).send("PUB mesh." + to + " 1\r\n" + from + "\r\n");
                        }
                    }
                }
                long roundEnd = System.nanoTime() + ROUND_NANOS;
                while (System.nanoTime() - roundEnd < 0) {
                    for (int to = 0; to < SERVERS; to++) {
                        LineClient client = clients.get(to);
                        while (client.ready()) {
                            if (client.readFrame(payload).startsWith("MSG ")) {
                                int from = payload.charAt(0) - '0';
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
            long meshed = System.nanoTime();
            double cpu = 0;
            for (StartedProcess server : servers) {
                cpu += ProcessStats.cpuNanos(server.pid()) / 1e6;
            }
            return new MeshTiming(StartProbe.millis(meshed - launched), cpu);
        } finally {
            clients.forEach(LineClient::close);
            servers.forEach(StartedProcess::close);
        }
    }

    private static LineClient connectWhenReady(InetSocketAddress address, StartedProcess server, long deadline)
            throws IOException {
        while (true) {
            if (!server.isAlive()) {
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
