package io.jnatsd.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The facts about this machine that figures must be published with. */
public final class MachineDescription {

    private static final double BUSY_LOAD_AVERAGE = 0.5;

    private MachineDescription() {
    }

    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), Java "
            + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    /**
     * The one-minute load average, with a warning when other processes keep the machine busy:
     * on a small machine they take CPU from the servers and make the figures noisy.
     */
    public static String loadWarning() {
        try {
            double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
            return load > BUSY_LOAD_AVERAGE
                ? "warning: load average is " + load + " before starting: other processes compete for CPU, figures will be noisy"
                : "load average " + load;
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
