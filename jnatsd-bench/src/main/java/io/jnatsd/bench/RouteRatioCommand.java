package io.jnatsd.bench;

import io.jnatsd.bench.report.TextTable;
import io.jnatsd.bench.target.ByteCountingProxy;
import io.jnatsd.bench.target.LaunchedTarget;
import io.jnatsd.bench.target.ServerGroup;
import io.jnatsd.bench.target.Topology;
import io.jnatsd.bench.wire.JsonPublisher;
import io.jnatsd.bench.wire.RawConnection;
import io.jnatsd.bench.wire.RawPublisher;
import io.jnatsd.bench.wire.RawSubscriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bin/bench route-ratio}: how well route compression shrinks a repetitive JSON workload.
 * The cluster-pubsub layout (publisher on A, subscriber on B) with B dialling A through a
 * {@link ByteCountingProxy}, so the bytes that crossed the route are counted on the wire, after
 * compression; the ratio is payload bytes published over bytes A sent to B.
 */
@Command(name = "route-ratio", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Publishes JSON documents (same keys, fresh values) on server A of a cluster to a subscriber on B, "
        + "and reports payload bytes / bytes that crossed the A-B route, counted by a relay between B and A.",
        "Use with --route-compression MODE (and --route-tls)."})
final class RouteRatioCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long SETTLE_NANOS = 200_000_000L;

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--size", defaultValue = "1k", converter = ByteSizeConverter.class,
        description = "Payload size of each JSON document, at least 64 B (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--msgs", defaultValue = "20000", description = "Documents to publish (default: ${DEFAULT-VALUE}).")
    long messages;

    @Option(names = "--markdown", description = "Print the table as Markdown.")
    boolean markdown;

    @Override
    public Integer call() throws IOException {
        if (size < 64 || messages < 1) {
            throw new IllegalArgumentException("--size must be at least 64 B and --msgs positive");
        }
        System.out.println("routes: " + targetOptions.routeVariant().describe());
        TextTable table = new TextTable(List.of("server", "payload bytes", "route bytes A->B", "route bytes B->A", "ratio"),
            List.of(false, true, true, true, true));
        boolean allMeasured = true;
        for (LaunchedTarget target : targetOptions.launchedWithRouteProxy()) {
            try (ByteCountingProxy proxy = target.routeProxy()) {
                System.out.println("starting " + target.name() + " (cluster of three, B dials A through the relay) ...");
                try (ServerGroup servers = target.open(Topology.CLUSTER_OF_THREE)) {
                    long[] crossed = measure(servers, proxy);
                    long payload = messages * size;
                    table.add(List.of(target.name(), Long.toString(payload), Long.toString(crossed[0]),
                        Long.toString(crossed[1]), String.format(Locale.ROOT, "%.2f", (double) payload / crossed[0])));
                } catch (IOException | RuntimeException e) {
                    allMeasured = false;
                    table.add(List.of(target.name(), "-", "-", "-", "failed: " + e.getMessage()));
                }
            }
        }
        System.out.println();
        System.out.print(markdown ? table.markdown() : table.plain());
        return allMeasured ? 0 : 1;
    }

    /** @return bytes A sent to B, and B to A, while the documents were published and delivered */
    private long[] measure(ServerGroup servers, ByteCountingProxy proxy) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String subject = "bench.route-ratio";
        try (RawConnection publisherConnection = RawConnection.open(servers.address(0), "bench-pub", TIMEOUT);
             RawConnection subscriberConnection = RawConnection.open(servers.address(1), "bench-sub", TIMEOUT);
             RawSubscriber subscriber = new RawSubscriber(subscriberConnection, subject, null, 1, deadline)) {
            subscriber.start(deadline);
            RawPublisher prober = new RawPublisher(publisherConnection, subject, 0);
            while (subscriber.probes() == 0) {
                ensureBefore(deadline, "interest did not reach server A");
                prober.probe(deadline);
                LockSupport.parkNanos(1_000_000L);
            }
            long towardsB = settledBytes(proxy, deadline);
            long towardsA = proxy.bytesTowardsListener();
            new JsonPublisher(publisherConnection, subject, size).publish(messages, deadline);
            while (subscriber.messages() < messages) {
                ensureBefore(deadline, "delivered " + subscriber.messages() + " of " + messages
                    + (subscriber.failure() == null ? "" : ": " + subscriber.failure()));
                LockSupport.parkNanos(1_000_000L);
            }
            return new long[] {settledBytes(proxy, deadline) - towardsB, proxy.bytesTowardsListener() - towardsA};
        }
    }

    /** The relay's count once it has stopped moving: its pump threads count just after each write. */
    private static long settledBytes(ByteCountingProxy proxy, long deadline) throws IOException {
        long previous = -1;
        long current = proxy.bytesTowardsDialer();
        while (current != previous) {
            ensureBefore(deadline, "route traffic did not settle");
            LockSupport.parkNanos(SETTLE_NANOS);
            previous = current;
            current = proxy.bytesTowardsDialer();
        }
        return current;
    }

    private static void ensureBefore(long deadline, String problem) throws IOException {
        if (System.nanoTime() - deadline > 0) {
            throw new IOException(problem + " within " + TIMEOUT.toSeconds() + " s");
        }
    }
}
