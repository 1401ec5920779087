package io.jnatsd.bench.scenario;

import io.jnatsd.bench.target.ProcessStats;

import java.io.IOException;
import java.util.List;

/**
 * CPU used by the load generator and by the servers over one measured run. On a machine with few
 * cores the two compete, so the split shows which side was the limit.
 */
final class CpuMeter {

    private final List<Long> serverPids;
    private final long startNanos;
    private final long clientStart;
    private final long serverStart;

    private CpuMeter(List<Long> serverPids) {
        this.serverPids = serverPids;
        this.startNanos = System.nanoTime();
        this.clientStart = ProcessStats.ownCpuNanos();
        this.serverStart = serverCpu(serverPids);
    }

    static CpuMeter start(List<Long> serverPids) {
        return new CpuMeter(serverPids);
    }

    /** Percent of one core since start: {client, server}; server is NaN when unknown. */
    double[] stop() {
        long wall = Math.max(1, System.nanoTime() - startNanos);
        double client = 100.0 * (ProcessStats.ownCpuNanos() - clientStart) / wall;
        long serverEnd = serverCpu(serverPids);
        double server = serverStart < 0 || serverEnd < 0 ? Double.NaN : 100.0 * (serverEnd - serverStart) / wall;
        return new double[] {client, server};
    }

    private static long serverCpu(List<Long> pids) {
        if (pids.isEmpty()) {
            return -1;
        }
        long total = 0;
        try {
            for (long pid : pids) {
                total += ProcessStats.cpuNanos(pid);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return total;
    }
}
