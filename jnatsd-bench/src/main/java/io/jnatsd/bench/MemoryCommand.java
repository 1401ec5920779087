package io.jnatsd.bench;

import io.jnatsd.bench.memory.IdleConnections;
import io.jnatsd.bench.report.MachineDescription;
import io.jnatsd.bench.report.ResultTable;
import io.jnatsd.bench.report.TextTable;
import io.jnatsd.bench.target.ProcessStats;
import io.jnatsd.bench.target.ServerGroup;
import io.jnatsd.bench.target.Target;
import io.jnatsd.bench.target.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bin/bench memory}: the resident memory of a server holding many idle connections and
 * subscriptions, read from {@code /proc/PID/status} before and after.
 */
@Command(name = "memory", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Opens many idle connections holding many subscriptions (all to 127.0.0.1) and reports the "
        + "server's resident memory (VmRSS) before and after."})
final class MemoryCommand implements Callable<Integer> {

    /** File descriptors this JVM needs besides the connections: jars, servers' logs, stdio, listeners. */
    private static final int SPARE_FILE_DESCRIPTORS = 200;
    private static final Duration SETTLE_TIME = Duration.ofSeconds(2);

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--connections", defaultValue = "10000", description = "Idle connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--subscriptions", defaultValue = "100000",
        description = "Subscriptions, spread evenly over the connections (default: ${DEFAULT-VALUE}).")
    int subscriptions;

    @Option(names = "--open-timeout", defaultValue = "120s", converter = DurationConverter.class,
        description = "Time allowed for opening all connections (default: ${DEFAULT-VALUE}).")
    Duration openTimeout;

    @Option(names = "--markdown", description = "Print the table as Markdown.")
    boolean markdown;

    private record Measurement(String target, long idleKibibytes, long loadedKibibytes, long peakKibibytes,
                               double openSeconds, String problem) {
    }

    @Override
    public Integer call() {
        if (connections < 1 || subscriptions < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--connections must be positive");
        }
        long ownLimit = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getMaxFileDescriptorCount();
        System.out.println("machine: " + MachineDescription.describe());
        System.out.println(MachineDescription.loadWarning());
        System.out.println("open-files limit of the load generator: " + ownLimit);
        if (ownLimit < connections + SPARE_FILE_DESCRIPTORS) {
            System.out.println("too few file descriptors for " + connections + " connections: raise it with ulimit -n "
                + (connections + SPARE_FILE_DESCRIPTORS) + " (bin/bench raises the soft limit to the hard one)");
            return 1;
        }
        List<Measurement> measurements = new ArrayList<>();
        for (Target target : targetOptions.targets()) {
            measurements.add(measure(target));
        }
        print(measurements);
        return measurements.stream().allMatch(m -> m.problem() == null) ? 0 : 1;
    }

    private Measurement measure(Target target) {
        System.out.println("starting " + target.name() + " ...");
        try (ServerGroup servers = target.open(Topology.SINGLE)) {
            long pid = servers.pids().isEmpty() ? -1 : servers.pids().get(0);
            if (pid > 0) {
                long serverLimit = ProcessStats.openFilesLimit(pid);
                System.out.println("  open-files limit of " + target.name() + ": " + serverLimit);
            }
            long idle = pid > 0 ? ProcessStats.residentKibibytes(pid) : -1;
            long start = System.nanoTime();
            try (IdleConnections fleet = IdleConnections.open(servers.address(0), connections, subscriptions, openTimeout)) {
                double openSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "  %d connections with %d subscriptions open after %.1f s%n",
                    fleet.size(), subscriptions, openSeconds);
                if (pid < 0) {
                    return new Measurement(target.name(), -1, -1, -1, openSeconds, "server pid unknown: give --server-pid");
                }
                // Let the server finish what the last handshakes started (buffers returned, GC settled) before reading RSS.
                Thread.sleep(SETTLE_TIME.toMillis());
                return new Measurement(target.name(), idle, ProcessStats.residentKibibytes(pid),
                    ProcessStats.peakResidentKibibytes(pid), openSeconds, null);
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("  failed: " + e.getMessage());
            return new Measurement(target.name(), -1, -1, -1, Double.NaN, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Measurement(target.name(), -1, -1, -1, Double.NaN, "interrupted");
        }
    }

    private void print(List<Measurement> measurements) {
        TextTable table = new TextTable(List.of("server", "connections", "subscriptions", "RSS idle MiB",
            "RSS loaded MiB", "peak RSS MiB", "KiB per connection", "open s", "ratio", "note"),
            List.of(false, true, true, true, true, true, true, true, true, false));
        Measurement baseline = measurements.stream()
            .filter(m -> ResultTable.BASELINE.equals(m.target()) && m.problem() == null).findFirst().orElse(null);
        for (Measurement m : measurements) {
            boolean known = m.loadedKibibytes() > 0;
            String ratio = known && baseline != null && m != baseline
                ? String.format(Locale.ROOT, "%.2fx", (double) m.loadedKibibytes() / baseline.loadedKibibytes()) : "";
            table.add(List.of(m.target(), Integer.toString(connections), Integer.toString(subscriptions),
                known ? mebibytes(m.idleKibibytes()) : "", known ? mebibytes(m.loadedKibibytes()) : "",
                known ? mebibytes(m.peakKibibytes()) : "",
                known ? String.format(Locale.ROOT, "%.1f", (double) (m.loadedKibibytes() - m.idleKibibytes()) / connections) : "",
                Double.isNaN(m.openSeconds()) ? "" : String.format(Locale.ROOT, "%.1f", m.openSeconds()), ratio,
                m.problem() == null ? "" : m.problem()));
        }
        System.out.println();
        System.out.print(markdown ? table.markdown() : table.plain());
        System.out.println("  RSS loaded: VmRSS after all connections and subscriptions are confirmed and "
            + SETTLE_TIME.toSeconds() + " s of quiet; ratio: RSS loaded relative to nats-server's.");
    }

    private static String mebibytes(long kibibytes) {
        return String.format(Locale.ROOT, "%,.1f", kibibytes / 1024.0);
    }
}
