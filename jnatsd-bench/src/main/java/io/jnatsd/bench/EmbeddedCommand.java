package io.jnatsd.bench;

import io.jnatsd.JnatsdCluster;
import io.jnatsd.JnatsdServer;
import io.jnatsd.bench.report.MachineDescription;
import io.jnatsd.bench.report.TextTable;
import io.jnatsd.config.ClusterOptions;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench embedded}: how long an in-JVM server takes to be ready, and a cluster to be
 * fully meshed, once the JVM is warm (after {@code --warmup} unmeasured rounds). Tests pay
 * these times per test class or per test, so they decide what the testkit feels like.
 */
@Command(name = "embedded", mixinStandardHelpOptions = true,
    description = {"Times JnatsdServer start (ready and answering) and JnatsdCluster start (fully meshed), warm JVM."})
final class EmbeddedCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "20", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "5", description = "Unmeasured rounds first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--cluster-size", defaultValue = "3", description = "Cluster members (default: ${DEFAULT-VALUE}).")
    int clusterSize;

    @Override
    public Integer call() throws Exception {
        System.out.println("machine: " + MachineDescription.describe());
        System.out.println(MachineDescription.loadWarning());
        TextTable table = new TextTable(List.of("what", "min ms", "median ms", "p90 ms", "max ms"),
            List.of(false, true, true, true, true));
        List<Long> ready = new ArrayList<>();
        List<Long> answering = new ArrayList<>();
        List<Long> closing = new ArrayList<>();
        for (int round = 0; round < warmup + runs; round++) {
            long[] times = singleServer();
            if (round >= warmup) {
                ready.add(times[0]);
                answering.add(times[1]);
                closing.add(times[2]);
            }
        }
        row(table, "server: start() returns", ready);
        row(table, "server: start() + first INFO read", answering);
        row(table, "server: close()", closing);
        clusterRows(table, "pool 3 + $SYS pinned (default)", ClusterOptions.DEFAULT_POOL_SIZE);
        clusterRows(table, "pool_size -1 (one route per pair)", -1);
        System.out.print(table.plain());
        return 0;
    }

    /** @return nanoseconds: start, start until the first INFO line is read, close */
    private static long[] singleServer() throws Exception {
        long started = System.nanoTime();
        JnatsdServer server = JnatsdServer.builder().start();
        long ready = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            InputStream in = socket.getInputStream();
            while (in.read() != '\n') {
                // read the INFO line
            }
        }
        long answered = System.nanoTime();
        server.close();
        return new long[] {ready - started, answered - started, System.nanoTime() - answered};
    }

    private void clusterRows(TextTable table, String variant, int poolSize) throws Exception {
        List<Long> firstRoutes = new ArrayList<>();
        List<Long> meshed = new ArrayList<>();
        for (int round = 0; round < warmup + runs; round++) {
            long[] times = cluster(poolSize);
            if (round >= warmup) {
                firstRoutes.add(times[0]);
                meshed.add(times[1]);
            }
        }
        row(table, clusterSize + " servers, " + variant + ": every pair routed", firstRoutes);
        row(table, clusterSize + " servers, " + variant + ": start() returns (full pools)", meshed);
    }

    /** @return nanoseconds until every member has n-1 remotes, and until start returns (pools full) */
    private long[] cluster(int poolSize) throws Exception {
        JnatsdCluster cluster = JnatsdCluster.builder().size(clusterSize)
            .configure((index, member) -> member.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withPoolSize(poolSize)))
            .build();
        AtomicLong allRemotes = new AtomicLong();
        long started = System.nanoTime();
        Thread watcher = new Thread(() -> allRemotes.set(awaitRemotes(cluster) - started), "mesh-watcher");
        watcher.start();
        try (JnatsdCluster running = cluster.start()) {
            long meshed = System.nanoTime() - started;
            watcher.join();
            return new long[] {allRemotes.get(), meshed};
        }
    }

    /** Polls (every 0.1 ms) until every member lists every other, the first route of each pair: a time stamp. */
    private long awaitRemotes(JnatsdCluster cluster) {
        while (true) {
            boolean all = true;
            for (int i = 0; i < clusterSize && all; i++) {
                all = cluster.running(i) && cluster.member(i).server().cluster().remoteCount() == clusterSize - 1;
            }
            if (all) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static void row(TextTable table, String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        table.add(List.of(what, millis(sorted.get(0)), millis(sorted.get(sorted.size() / 2)),
            millis(sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.9)))),
            millis(sorted.get(sorted.size() - 1))));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
