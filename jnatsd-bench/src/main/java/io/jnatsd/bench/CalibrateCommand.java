package io.jnatsd.bench;

import io.jnatsd.bench.report.ByteSize;
import io.jnatsd.bench.report.MachineDescription;
import io.jnatsd.bench.report.TextTable;
import io.jnatsd.bench.wire.CalibrationServer;
import io.jnatsd.bench.wire.RawConnection;
import io.jnatsd.bench.wire.RawPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bin/bench calibrate}: the load generator against a server that does nothing, to show
 * how far above any real server its own ceiling is, and what one message costs it in CPU.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Runs the raw publisher and subscriber against an in-process stand-in server that discards "
        + "publishes and streams messages, to show the load generator's own ceiling."})
final class CalibrateCommand implements Callable<Integer> {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--sizes", split = ",", defaultValue = "16,1k,64k", converter = ByteSizeConverter.class,
        description = "Payload sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--duration", defaultValue = "2s", converter = DurationConverter.class,
        description = "Time per measurement (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--markdown", description = "Print the table as Markdown.")
    boolean markdown;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public Integer call() throws IOException {
        System.out.println("machine: " + MachineDescription.describe());
        System.out.println(MachineDescription.loadWarning());
        TextTable table = new TextTable(
            List.of("size", "publish msgs/s", "publisher thread cpu %", "ns cpu/msg", "subscribe msgs/s",
                "subscriber thread cpu %", "ns cpu/msg"),
            List.of(true, true, true, true, true, true, true));
        for (int size : sizes) {
            double[] publish = measurePublish(size);
            double[] subscribe = measureSubscribe(size);
            table.add(List.of(ByteSize.format(size), whole(publish[0]), whole(publish[1]), whole(publish[2]),
                whole(subscribe[0]), whole(subscribe[1]), whole(subscribe[2])));
        }
        System.out.print(markdown ? table.markdown() : table.plain());
        return 0;
    }

    /** @return {messages per second, thread CPU percent, CPU nanoseconds per message} */
    private double[] measurePublish(int size) throws IOException {
        try (CalibrationServer sink = new CalibrationServer(size);
             RawConnection connection = RawConnection.open(sink.address(), "calibrate-pub", SETUP_TIMEOUT)) {
            RawPublisher publisher = new RawPublisher(connection, "calibrate", size);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long published = publisher.publish(start + duration.toNanos(), Long.MAX_VALUE,
                start + duration.plus(SETUP_TIMEOUT).toNanos());
            return figures(published, System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    /** Reads on this thread (not a {@code RawSubscriber} thread) so that its CPU time is the subscriber's alone. */
    private double[] measureSubscribe(int size) throws IOException {
        try (CalibrationServer source = new CalibrationServer(size);
             RawConnection connection = RawConnection.open(source.address(), "calibrate-sub", SETUP_TIMEOUT)) {
            connection.send("SUB calibrate 1\r\n");
            connection.flush(System.nanoTime() + SETUP_TIMEOUT.toNanos());
            long baseline = connection.messages();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            while (System.nanoTime() - deadline < 0) {
                if (!connection.readOnce()) {
                    throw new IOException("calibration source closed the connection");
                }
            }
            return figures(connection.messages() - baseline, System.nanoTime() - start,
                threads.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    private static double[] figures(long messages, long elapsedNanos, long cpuNanos) {
        return new double[] {messages / (elapsedNanos / 1e9), 100.0 * cpuNanos / elapsedNanos,
            messages == 0 ? Double.NaN : (double) cpuNanos / messages};
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
