package io.jnatsd.bench.target;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and memory of processes, read from Linux's {@code /proc}: the figures a benchmark
 * publishes next to its rates. Every reader throws {@link IOException} when the process or the
 * field is gone (the process exited, or this is not Linux).
 */
public final class ProcessStats {

    /** Clock ticks per second of {@code /proc/PID/stat} (USER_HZ): 100 on every Linux the bench knows. */
    private static final long TICKS_PER_SECOND = 100;
    /** utime and stime: fields 14 and 15 of /proc/PID/stat, i.e. 11 and 12 after the ")" that ends field 2. */
    private static final int USER_TICKS_AFTER_NAME = 11;
    private static final int SYSTEM_TICKS_AFTER_NAME = 12;

    private ProcessStats() {
    }

    /** CPU time of this JVM, all threads, user and system. */
    public static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of process {@code pid}, all threads, user and system; in steps of 10 ms. */
    public static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(proc(pid, "stat"));
        // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split(" ");
        long ticks = Long.parseLong(fields[USER_TICKS_AFTER_NAME]) + Long.parseLong(fields[SYSTEM_TICKS_AFTER_NAME]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** Resident set size now (VmRSS). */
    public static long residentKibibytes(long pid) throws IOException {
        return statusKibibytes(pid, "VmRSS:");
    }

    /** The highest resident set size so far (VmHWM). */
    public static long peakResidentKibibytes(long pid) throws IOException {
        return statusKibibytes(pid, "VmHWM:");
    }

    /** The soft limit of open files; {@link Long#MAX_VALUE} when unlimited. */
    public static long openFilesLimit(long pid) throws IOException {
        for (String line : Files.readAllLines(proc(pid, "limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IOException("no open-files limit in " + proc(pid, "limits"));
    }

    private static long statusKibibytes(long pid, String field) throws IOException {
        List<String> lines = Files.readAllLines(proc(pid, "status"));
        for (String line : lines) {
            if (line.startsWith(field)) {
                // "VmRSS:	   12345 kB"
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in " + proc(pid, "status"));
    }

    private static Path proc(long pid, String file) {
        return Path.of("/proc", Long.toString(pid), file);
    }
}
