package io.jnatsd.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

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
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: fall through to the JVM's own view.
        }
        return Runtime.getRuntime().totalMemory();
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
