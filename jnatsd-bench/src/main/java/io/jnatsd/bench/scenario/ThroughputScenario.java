package io.jnatsd.bench.scenario;

import io.jnatsd.bench.target.ServerGroup;
import io.jnatsd.bench.target.Topology;
import io.jnatsd.bench.wire.RawConnection;
import io.jnatsd.bench.wire.Payload;
import io.jnatsd.bench.wire.RawPublisher;
import io.jnatsd.bench.wire.RawSubscriber;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One raw publisher and zero or more raw subscribers, placed on servers of a group. The publisher
 * writes as fast as the server reads; the figure is what the subscribers received per second
 * (or, without subscribers, what the server took per second).
 *
 * <p>Before measuring, probe messages (marked by a reply subject) are published until every
 * subscriber has seen one: in a cluster this waits out the propagation of interest over routes.
 */
public final class ThroughputScenario implements Scenario {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration INTEREST_TIMEOUT = Duration.ofSeconds(10);
    private static final String QUEUE_GROUP = "bench-workers";
    private static final AtomicLong RUNS = new AtomicLong();

    /** Where one subscriber connects, and its queue group (null for a plain subscription). */
    record Placement(int server, String queueGroup) {
    }

    private final String name;
    private final String description;
    private final Topology topology;
    private final int publisherServer;
    private final List<Placement> subscribers;

    private ThroughputScenario(String name, String description, Topology topology, int publisherServer,
                               List<Placement> subscribers) {
        this.name = name;
        this.description = description;
        this.topology = topology;
        this.publisherServer = publisherServer;
        this.subscribers = List.copyOf(subscribers);
    }

    public static ThroughputScenario publishOnly() {
        return new ThroughputScenario("pub", "1 publisher, no subscriber: messages the server took per second",
            Topology.SINGLE, 0, List.of());
    }

    public static ThroughputScenario publishSubscribe() {
        return new ThroughputScenario("pubsub", "1 publisher -> 1 subscriber", Topology.SINGLE, 0,
            List.of(new Placement(0, null)));
    }

    public static ThroughputScenario fanOut(int subscriberCount) {
        return new ThroughputScenario("fanout", "1 publisher -> " + subscriberCount
            + " subscribers, each gets every message (msgs/s counts all deliveries)", Topology.SINGLE, 0,
            repeat(subscriberCount, i -> new Placement(0, null)));
    }

    public static ThroughputScenario queueGroup(int memberCount) {
        return new ThroughputScenario("queue", "1 publisher -> queue group of " + memberCount
            + ", each message to one member", Topology.SINGLE, 0, repeat(memberCount, i -> new Placement(0, QUEUE_GROUP)));
    }

    public static ThroughputScenario clusterPublishSubscribe() {
        return new ThroughputScenario("cluster-pubsub", "publisher on server A -> subscriber on server B",
            Topology.CLUSTER_OF_THREE, 0, List.of(new Placement(1, null)));
    }

    public static ThroughputScenario gatewayPublishSubscribe() {
        return new ThroughputScenario("gateway-pubsub", "publisher in cluster A -> subscriber in cluster B, across a gateway",
            Topology.SUPERCLUSTER_OF_TWO, 0, List.of(new Placement(1, null)));
    }

    /** The publisher on the leaf node B, the subscriber on its hub A: every message crosses the leaf connection. */
    public static ThroughputScenario leafPublishSubscribe() {
        return new ThroughputScenario("leaf-pubsub", "publisher on a leaf node -> subscriber on its hub, across the leaf"
            + " connection", Topology.HUB_AND_LEAF, 1, List.of(new Placement(0, null)));
    }

    /** Members on B and C only: with a member on A, servers prefer the local member and no message would cross a route. */
    public static ThroughputScenario clusterQueueGroup(int memberCount) {
        return new ThroughputScenario("cluster-queue", "publisher on server A -> queue group of " + memberCount
            + " spread over servers B and C", Topology.CLUSTER_OF_THREE, 0,
            repeat(memberCount, i -> new Placement(1 + i % 2, QUEUE_GROUP)));
    }

    private static List<Placement> repeat(int count, java.util.function.IntFunction<Placement> placement) {
        List<Placement> placements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            placements.add(placement.apply(i));
        }
        return placements;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public ScenarioResult run(ServerGroup servers, String target, int payloadSize, LoadSettings settings) {
        String subject = "bench." + name + "." + RUNS.incrementAndGet();
        List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
        Duration limit = SETUP_TIMEOUT.plus(INTEREST_TIMEOUT).plus(settings.warmup()).plus(settings.duration())
            .plus(settings.drainTimeout().multipliedBy(2));
        try (Watchdog watchdog = new Watchdog(limit, resources)) {
            try {
                Run run = connect(servers, subject, payloadSize, settings.payload(), resources,
                    System.nanoTime() + limit.toNanos());
                run.awaitInterest();
                if (!settings.warmup().isZero()) {
                    Measurement warmup = run.measure(settings.warmup(), settings, servers.pids());
                    if (warmup.problem != null) {
                        return ScenarioResult.failed(name, target, payloadSize, "warm-up: " + warmup.problem);
                    }
                }
                return run.measure(settings.duration(), settings, servers.pids()).toResult(name, target, payloadSize);
            } catch (IOException | RuntimeException e) {
                String reason = watchdog.fired() ? "gave up after " + limit.toSeconds() + " s: " : "";
                return ScenarioResult.failed(name, target, payloadSize, reason + e.getMessage());
            }
        } finally {
            closeAll(resources);
        }
    }

    private Run connect(ServerGroup servers, String subject, int payloadSize, Payload payload,
                        List<AutoCloseable> resources, long hardDeadlineNanos) throws IOException {
        long setupDeadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        RawConnection publisherConnection = RawConnection.open(servers.address(publisherServer), "bench-pub", SETUP_TIMEOUT);
        resources.add(publisherConnection);
        List<RawSubscriber> subscriberList = new ArrayList<>();
        for (int i = 0; i < subscribers.size(); i++) {
            Placement placement = subscribers.get(i);
            RawConnection connection = RawConnection.open(servers.address(placement.server()), "bench-sub-" + i, SETUP_TIMEOUT);
            resources.add(connection);
            RawSubscriber subscriber = new RawSubscriber(connection, subject, placement.queueGroup(), i + 1, setupDeadline);
            resources.add(subscriber);
            subscriberList.add(subscriber);
        }
        subscriberList.forEach(subscriber -> subscriber.start(hardDeadlineNanos));
        return new Run(new RawPublisher(publisherConnection, subject, payloadSize, payload), subscriberList,
            !subscribers.isEmpty() && subscribers.get(0).queueGroup() != null);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // best effort at the end of a run
            }
        }
    }

    /** The connections of one run at one message size. */
    private record Run(RawPublisher publisher, List<RawSubscriber> subscribers, boolean queueGroup) {

        void awaitInterest() throws IOException {
            long deadline = System.nanoTime() + INTEREST_TIMEOUT.toNanos();
            while (subscribers.stream().anyMatch(subscriber -> subscriber.probes() == 0)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("a subscriber got no probe message within " + INTEREST_TIMEOUT.toSeconds()
                        + " s: interest did not reach the publisher's server");
                }
                publisher.probe(deadline);
                pause();
            }
        }

        Measurement measure(Duration length, LoadSettings settings, List<Long> serverPids) throws IOException {
            long baseline = delivered();
            CpuMeter cpu = CpuMeter.start(serverPids);
            long start = System.nanoTime();
            long published = publisher.publish(start + length.toNanos(), settings.maxMessages(),
                start + length.toNanos() + settings.drainTimeout().toNanos());
            long publisherEnd = System.nanoTime();
            long expected = subscribers.isEmpty() ? 0 : queueGroup ? published : published * subscribers.size();
            long drainDeadline = publisherEnd + settings.drainTimeout().toNanos();
            while (delivered() - baseline < expected && System.nanoTime() - drainDeadline < 0 && failure() == null) {
                pause();
            }
            double[] cpuPercent = cpu.stop();
            long delivered = delivered() - baseline;
            if (subscribers.isEmpty()) {
                return new Measurement(published, publisherEnd - start, cpuPercent, null);
            }
            long end = subscribers.stream().mapToLong(RawSubscriber::lastArrivalNanos).max().orElse(publisherEnd);
            String problem = delivered < expected
                ? "delivered " + delivered + " of " + expected + (failure() == null ? "" : ": " + failure())
                : null;
            return new Measurement(delivered, end - start, cpuPercent, problem);
        }

        private long delivered() {
            return subscribers.stream().mapToLong(RawSubscriber::messages).sum();
        }

        private String failure() {
            return subscribers.stream().map(RawSubscriber::failure).filter(f -> f != null).findFirst().orElse(null);
        }

        private static void pause() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Messages counted over a measured time; all of them carry the same payload size. */
    private record Measurement(long messages, long elapsedNanos, double[] cpuPercent, String problem) {

        ScenarioResult toResult(String scenario, String target, int payloadSize) {
            double seconds = Math.max(1, elapsedNanos) / 1e9;
            double rate = messages / seconds;
            return new ScenarioResult(scenario, target, payloadSize, messages, rate, rate * payloadSize / 1e6, null,
                cpuPercent[0], cpuPercent[1], problem);
        }
    }
}
