package io.jnatsd.bench.scenario;

import io.jnatsd.bench.target.ServerGroup;
import io.jnatsd.bench.target.Topology;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request/reply latency with the real jnats client: one requester sends a request, waits for
 * the reply, and sends the next; a responder on its own connection echoes a payload of the same
 * size. Latency is what an application sees, client library included, recorded in HdrHistogram.
 */
public final class RequestReplyScenario implements Scenario {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READY_REQUEST_TIMEOUT = Duration.ofMillis(250);
    private static final int HISTOGRAM_DIGITS = 3;
    private static final AtomicLong RUNS = new AtomicLong();

    private final String name;
    private final String description;
    private final Topology topology;
    private final int requesterServer;
    private final int responderServer;

    private RequestReplyScenario(String name, String description, Topology topology, int requesterServer,
                                 int responderServer) {
        this.name = name;
        this.description = description;
        this.topology = topology;
        this.requesterServer = requesterServer;
        this.responderServer = responderServer;
    }

    public static RequestReplyScenario local() {
        return new RequestReplyScenario("reqreply", "request/reply one at a time (jnats), requester and responder on one server",
            Topology.SINGLE, 0, 0);
    }

    public static RequestReplyScenario acrossRoute() {
        return new RequestReplyScenario("cluster-reqreply", "request/reply one at a time (jnats), requester on A, responder on B",
            Topology.CLUSTER_OF_THREE, 0, 1);
    }

    public static RequestReplyScenario acrossGateway() {
        return new RequestReplyScenario("gateway-reqreply", "request/reply one at a time (jnats), requester in cluster A,"
            + " responder in cluster B (a reply is mapped with _GR_. only while its inbox is new)", Topology.SUPERCLUSTER_OF_TWO, 0, 1);
    }

    public static RequestReplyScenario acrossLeafNode() {
        return new RequestReplyScenario("leaf-reqreply", "request/reply one at a time (jnats), requester on a leaf node,"
            + " responder on its hub", Topology.HUB_AND_LEAF, 1, 0);
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
        byte[] payload = new byte[payloadSize];
        try (Connection responder = connect(servers.address(responderServer), "bench-responder");
             Connection requester = connect(servers.address(requesterServer), "bench-requester")) {
            Dispatcher dispatcher = responder.createDispatcher(request -> responder.publish(request.getReplyTo(), payload));
            dispatcher.subscribe(subject);
            responder.flush(CONNECT_TIMEOUT);
            awaitResponder(requester, subject, payload);
            if (!settings.warmup().isZero()) {
                measure(requester, subject, payload, settings.warmup(), settings.maxMessages(), servers);
            }
            return measure(requester, subject, payload, settings.duration(), settings.maxMessages(), servers)
                .toResult(name, target, payloadSize);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ScenarioResult.failed(name, target, payloadSize, "interrupted");
        } catch (Exception e) {
            return ScenarioResult.failed(name, target, payloadSize, e.toString());
        }
    }

    private static Connection connect(InetSocketAddress address, String connectionName) throws Exception {
        Options options = Options.builder()
            .server("nats://" + address.getHostString() + ":" + address.getPort())
            .connectionName(connectionName)
            .connectionTimeout(CONNECT_TIMEOUT)
            .noReconnect()
            .build();
        return Nats.connect(options);
    }

    /** In a cluster the responder's interest reaches the requester's server some time after it subscribed. */
    private static void awaitResponder(Connection requester, String subject, byte[] payload) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (requestOrNull(requester, subject, payload, READY_REQUEST_TIMEOUT) != null) {
                return;
            }
        }
        throw new IllegalStateException("no reply within " + READY_TIMEOUT.toSeconds() + " s: the responder's "
            + "interest did not reach the requester's server");
    }

    private static Message requestOrNull(Connection requester, String subject, byte[] payload, Duration timeout)
            throws InterruptedException {
        try {
            return requester.request(subject, payload, timeout);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception noRespondersOrCancelled) {
            return null;
        }
    }

    private static Measurement measure(Connection requester, String subject, byte[] payload, Duration length,
                                       long maxRequests, ServerGroup servers) throws InterruptedException {
        Histogram nanos = new Histogram(HISTOGRAM_DIGITS);
        CpuMeter cpu = CpuMeter.start(servers.pids());
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        long completed = 0;
        String problem = null;
        while (completed < maxRequests && System.nanoTime() - deadline < 0) {
            long sent = System.nanoTime();
            if (requestOrNull(requester, subject, payload, REQUEST_TIMEOUT) == null) {
                problem = "a request got no reply within " + REQUEST_TIMEOUT.toSeconds() + " s";
                break;
            }
            nanos.recordValue(System.nanoTime() - sent);
            completed++;
        }
        long elapsed = System.nanoTime() - start;
        return new Measurement(completed, elapsed, nanos, cpu.stop(), problem);
    }

    private record Measurement(long requests, long elapsedNanos, Histogram nanos, double[] cpuPercent, String problem) {

        ScenarioResult toResult(String scenario, String target, int payloadSize) {
            double rate = requests / (Math.max(1, elapsedNanos) / 1e9);
            Latency latency = requests == 0 ? null : Latency.of(nanos);
            return new ScenarioResult(scenario, target, payloadSize, requests, rate, rate * payloadSize / 1e6, latency,
                cpuPercent[0], cpuPercent[1], problem);
        }
    }
}
