package io.jnatsd.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The process's resident memory and CPU use for {@code /varz mem} and {@code cpu}.
 *
 * <p>{@code mem} is {@code VmRSS} from {@code /proc/self/status} in bytes (the JVM's committed
 * heap where that file does not exist). {@code cpu} is percent of one core, one decimal, as
 * nats-server reports it, measured between samples at least a second apart; the first
 * sample covers the time since the process started. Sampling on request keeps a thread off a
 * 2-core machine.
 *
 * <p>CPU time and start come from {@link ProcessHandle} (the kernel's clock ticks, 10 ms: at
 * most 1% of a window of a second or more), not from the JMX platform beans, whose first use
 * loaded about 150 classes on the server's start path (docs/STARTUP.md).
 */
final class ProcessUsage {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long MIN_WINDOW_NANOS = 1_000_000_000L;

    private long lastCpuNanos;
    private long lastWallNanos;
    private boolean sampled;
    private double cpuPercent;

    long residentBytes() {
        try {
            long bytes = vmRssBytes(Files.readAllBytes(STATUS));
            if (bytes >= 0) {
                return bytes;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: fall through to the JVM's own view.
        }
        return Runtime.getRuntime().totalMemory();
    }

    /**
     * The {@code VmRSS:} line of {@code /proc/self/status} in bytes, or -1 without one. Read from
     * the file's bytes rather than its decoded lines: every STATSZ heartbeat asks, dozens of
     * times in a cluster's first seconds (docs/STARTUP.md, "Fifth round").
     */
    static long vmRssBytes(byte[] status) {
        byte[] key = {'V', 'm', 'R', 'S', 'S', ':'};
        for (int line = 0; line + key.length <= status.length; ) {
            if (Arrays.equals(status, line, line + key.length, key, 0, key.length)) {
                long kilobytes = 0;
                int digits = 0;
                int at = line + key.length;
                while (at < status.length && status[at] == ' ' || at < status.length && status[at] == '\t') {
                    at++;
                }
                for (; at < status.length && status[at] >= '0' && status[at] <= '9' && digits < 18; at++, digits++) {
                    kilobytes = kilobytes * 10 + (status[at] - '0');
                }
                return digits == 0 ? -1 : kilobytes * 1024;
            }
            int next = line;
            while (next < status.length && status[next] != '\n') {
                next++;
            }
            line = next + 1;
        }
        return -1;
    }

    synchronized double cpuPercent() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        long now = System.nanoTime();
        if (!sampled) {
            // The first window reaches back to the process's start.
            sampled = true;
            Instant started = info.startInstant().orElse(null);
            lastWallNanos = started == null ? now
                    : now - Math.max(0, Duration.between(started, Instant.now()).toNanos());
        }
        long cpu = info.totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        long window = now - lastWallNanos;
        if (cpu >= 0 && window >= MIN_WINDOW_NANOS) {
            double percent = 100.0 * (cpu - lastCpuNanos) / window;
            cpuPercent = Math.round(percent * 10) / 10.0;
            lastCpuNanos = cpu;
            lastWallNanos = now;
        }
        return cpuPercent;
    }
}
