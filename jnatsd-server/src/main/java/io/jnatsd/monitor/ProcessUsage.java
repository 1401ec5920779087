package io.jnatsd.monitor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory and CPU use for {@code /varz mem} and {@code cpu}.
 *
 * <p>{@code mem} is {@code VmRSS} from {@code /proc/self/status} in bytes (the JVM's committed
 * heap where that file does not exist). {@code cpu} is percent of one core, one decimal, as
 * nats-server reports it, measured between samples at least a second apart; the first
 * sample covers the time since the JVM started. Sampling on request keeps a thread off a
 * 2-core machine.
 */
final class ProcessUsage {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long MIN_WINDOW_NANOS = 1_000_000_000L;

    private final com.sun.management.OperatingSystemMXBean os = processBean();
    private long lastCpuNanos;
    private long lastWallNanos;
    private double cpuPercent;

    ProcessUsage() {
        long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        lastWallNanos = System.nanoTime() - uptimeMillis * 1_000_000;
    }

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
        if (os == null) {
            return 0;
        }
        long now = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        long window = now - lastWallNanos;
        if (cpu >= 0 && window >= MIN_WINDOW_NANOS) {
            double percent = 100.0 * (cpu - lastCpuNanos) / window;
            cpuPercent = Math.round(percent * 10) / 10.0;
            lastCpuNanos = cpu;
            lastWallNanos = now;
        }
        return cpuPercent;
    }

    private static com.sun.management.OperatingSystemMXBean processBean() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        return bean instanceof com.sun.management.OperatingSystemMXBean process ? process : null;
    }
}
