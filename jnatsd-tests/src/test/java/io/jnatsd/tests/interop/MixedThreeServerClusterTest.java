package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three-server clusters mixing jnatsd with nats-server 2.10 (pooled routes, pinned $SYS) and
 * 2.9 (one classic route): two Go and one jnatsd, one Go and two jnatsd, each kind as the seed.
 * Between every pair with a jnatsd end, in both directions: messages with and without headers,
 * request/reply, and an unsubscribe that stops the RMSGs on the wire; a queue group over all three
 * gets each message exactly once; the Go servers log no protocol error.
 */
class MixedThreeServerClusterTest {
    private static final String CLUSTER = "MIX3";

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    static Stream<Arguments> clusters() {
        List<Arguments> all = new ArrayList<>();
        for (String variable : List.of("NATS_SERVER_210", "NATS_SERVER_29")) {
            all.add(Arguments.of(variable, "go,go,java"));
            all.add(Arguments.of(variable, "java,go,go"));
            all.add(Arguments.of(variable, "go,java,java"));
            all.add(Arguments.of(variable, "java,java,go"));
        }
        return all.stream();
    }

    /** @param kinds the servers in start order; the first is the seed the others route to */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clusters")
    void everyPairWithAJnatsdEndExchangesInBothDirections(String variable, String kinds) throws Exception {
        GoServer.binary(variable);
        List<ClusterNode> nodes = startCluster(variable, kinds.split(","));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (ClusterNode node : nodes) {
                assertThat(node.remotes()).as("remotes of %s", node.name()).isEqualTo(2);
            }
        });
        List<Connection> fences = new ArrayList<>();
        List<Subscription> fenceSubscriptions = new ArrayList<>();
        for (ClusterNode node : nodes) {
            Connection fence = closeLater(Nats.connect(node.clientUrl()));
            fences.add(fence);
            fenceSubscriptions.add(fence.subscribe("fence." + node.name()));
            fence.flush(Duration.ofSeconds(2));
        }
        for (int s = 0; s < nodes.size(); s++) {
            for (int p = 0; p < nodes.size(); p++) {
                ClusterNode subscriber = nodes.get(s);
                ClusterNode publisher = nodes.get(p);
                if (s != p && !(subscriber.go() && publisher.go())) {
                    exchange(subscriber, publisher, fenceSubscriptions.get(s));
                }
            }
        }
        queueGroupGetsEachMessageOnce(nodes);
        for (ClusterNode node : nodes) {
            if (node instanceof ClusterNode.Go go) {
                assertThat(go.server().protocolErrors()).as("errors logged by %s", node.name()).isEmpty();
            }
        }
    }

    private List<ClusterNode> startCluster(String variable, String[] kinds) throws Exception {
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            String name = kinds[i] + (i + 1);
            List<Integer> seed = i == 0 ? List.of() : List.of(nodes.get(0).clusterPort());
            if (kinds[i].equals("go")) {
                nodes.add(ClusterNode.of(closeLater(GoServer.start(variable, name, CLUSTER, seed, ""))));
            } else {
                JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name);
                List<URI> routes = new ArrayList<>();
                for (int port : seed) {
                    routes.add(URI.create("nats-route://127.0.0.1:" + port));
                }
                builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName(CLUSTER).withRoutes(routes));
                nodes.add(ClusterNode.of(closeLater(builder.start())));
            }
        }
        return nodes;
    }

    private void exchange(ClusterNode subscriberNode, ClusterNode publisherNode, Subscription fence) throws Exception {
        String subject = "pair." + subscriberNode.name() + "." + publisherNode.name();
        String direction = publisherNode.name() + " -> " + subscriberNode.name();
        try (Connection subscriber = Nats.connect(subscriberNode.clientUrl());
             Connection publisher = Nats.connect(publisherNode.clientUrl())) {
            Subscription subscription = subscriber.subscribe(subject);
            subscriber.createDispatcher(m -> subscriber.publish(m.getReplyTo(), ("re:" + new String(m.getData()))
                    .getBytes())).subscribe(subject + ".service");
            subscriber.flush(Duration.ofSeconds(2));
            awaitInterest(publisherNode, subscriberNode, subject, true);
            awaitInterest(publisherNode, subscriberNode, subject + ".service", true);

            publisher.publish(subject, "plain".getBytes());
            Message plain = subscription.nextMessage(Duration.ofSeconds(2));
            assertThat(plain).as("message %s", direction).isNotNull();
            assertThat(new String(plain.getData())).isEqualTo("plain");

            Headers headers = new Headers().add("X-Mixed", direction);
            publisher.publish(subject, headers, "with headers".getBytes());
            Message withHeaders = subscription.nextMessage(Duration.ofSeconds(2));
            assertThat(withHeaders).as("HMSG %s", direction).isNotNull();
            assertThat(withHeaders.getHeaders().getFirst("X-Mixed")).isEqualTo(direction);
            assertThat(new String(withHeaders.getData())).isEqualTo("with headers");

            Message reply = publisher.request(subject + ".service", "ping".getBytes(), Duration.ofSeconds(2));
            assertThat(new String(reply.getData())).as("reply %s", direction).isEqualTo("re:ping");

            subscription.unsubscribe();
            subscriber.flush(Duration.ofSeconds(2));
            awaitInterest(publisherNode, subscriberNode, subject, false);
            long before = subscriberNode.routedFrom(publisherNode);
            for (int i = 0; i < 20; i++) {
                publisher.publish(subject, "after unsubscribe".getBytes());
            }
            publisher.publish(fence.getSubject(), new byte[0]);
            assertThat(fence.nextMessage(Duration.ofSeconds(2))).as("fence %s", direction).isNotNull();
            await().atMost(Duration.ofSeconds(2)).until(() -> subscriberNode.routedFrom(publisherNode) >= before + 1);
            // The fence crosses; the 20 must not. The count also holds the system account's
            // heartbeats (STATSZ, connection counts), which may cross in the same moment.
            assertThat(subscriberNode.routedFrom(publisherNode)).as("routed messages %s after unsubscribe", direction)
                    .isBetween(before + 1, before + 4);
        }
    }

    private static void awaitInterest(ClusterNode holder, ClusterNode owner, String subject, boolean present) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                .until(() -> holder.holdsInterest(owner, subject, null) == present);
    }

    /** One member per server; each server publishes 200 in turn; the group takes each exactly once. */
    private void queueGroupGetsEachMessageOnce(List<ClusterNode> nodes) throws Exception {
        AtomicInteger received = new AtomicInteger();
        AtomicInteger fences = new AtomicInteger();
        List<Connection> members = new ArrayList<>();
        for (ClusterNode node : nodes) {
            Connection member = closeLater(Nats.connect(node.clientUrl()));
            member.createDispatcher(m -> received.incrementAndGet()).subscribe("mix.queue", "workers");
            member.createDispatcher(m -> fences.incrementAndGet()).subscribe("mix.queue.fence");
            member.flush(Duration.ofSeconds(2));
            members.add(member);
        }
        for (ClusterNode holder : nodes) {
            for (ClusterNode owner : nodes) {
                if (holder != owner) {
                    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25)).untilAsserted(() -> {
                        assertThat(holder.holdsInterest(owner, "mix.queue", "workers"))
                                .as("%s holds the queue interest of %s", holder.name(), owner.name()).isTrue();
                        assertThat(holder.holdsInterest(owner, "mix.queue.fence", null))
                                .as("%s holds the fence interest of %s", holder.name(), owner.name()).isTrue();
                    });
                }
            }
        }
        int expected = 0;
        for (Connection publisher : members) {
            for (int i = 0; i < 200; i++) {
                publisher.publish("mix.queue", new byte[0]);
            }
            publisher.publish("mix.queue.fence", new byte[0]);
            expected += 200;
            int fencesExpected = 3 * (expected / 200);
            await().atMost(Duration.ofSeconds(5)).until(() -> fences.get() == fencesExpected);
            assertThat(received.get()).as("queue messages after %d published", expected).isEqualTo(expected);
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }
}
