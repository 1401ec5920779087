package io.jnatsd.tests.cluster;

import static io.jnatsd.tests.cluster.TestCluster.DEFAULT_CONNECTIONS_PER_REMOTE;
import static io.jnatsd.tests.cluster.TestCluster.awaitFullMesh;
import static io.jnatsd.tests.cluster.TestCluster.awaitInterest;
import static io.jnatsd.tests.cluster.TestCluster.awaitNoInterest;
import static io.jnatsd.tests.cluster.TestCluster.interestFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages and interest across one shared three-server cluster (ROUTES.md §6, §14): queue groups
 * deliver exactly once cluster-wide, removed interest stops the RMSGs, and racing interest changes
 * leave every peer with exactly the interest that is live. Tests use subjects of their own.
 */
class ClusterMessagingTest {
    private static final TestCluster SERVERS = new TestCluster();
    private static JnatsdServer one;
    private static JnatsdServer two;
    private static JnatsdServer three;

    @BeforeAll
    static void formCluster() throws Exception {
        List<JnatsdServer> mesh = SERVERS.startSeeded(3, UnaryOperator.identity());
        one = mesh.get(0);
        two = mesh.get(1);
        three = mesh.get(2);
        awaitFullMesh(mesh, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopCluster() {
        SERVERS.close();
    }

    @Test
    void aQueueGroupSpreadOverThreeServersGetsEachMessageExactlyOnce() throws Exception {
        int messages = 1000;
        List<Connection> members = new ArrayList<>();
        List<AtomicInteger> received = new ArrayList<>();
        try (Connection publisher = Nats.connect(one.clientUrl())) {
            for (JnatsdServer server : List.of(one, two, three)) {
                Connection member = Nats.connect(server.clientUrl());
                members.add(member);
                AtomicInteger count = new AtomicInteger();
                received.add(count);
                member.createDispatcher(m -> count.incrementAndGet()).subscribe("work.q", "workers");
                member.createDispatcher(m -> count.addAndGet(1_000_000)).subscribe("work.fence");
                member.flush(Duration.ofSeconds(2));
            }
            awaitInterest(one, two, "work.q workers", 1);
            awaitInterest(one, three, "work.q workers", 1);
            awaitInterest(one, two, "work.fence", 1);
            awaitInterest(one, three, "work.fence", 1);
            for (int i = 0; i < messages; i++) {
                publisher.publish("work.q", ("m" + i).getBytes());
            }
            // The fence follows the queue messages on the same connections: once every member has it,
            // nothing of the queue traffic is still under way.
            publisher.publish("work.fence", new byte[0]);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (AtomicInteger count : received) {
                    assertThat(count.get()).isGreaterThanOrEqualTo(1_000_000);
                }
            });
            int total = 0;
            for (AtomicInteger count : received) {
                int queueMessages = count.get() - 1_000_000;
                assertThat(queueMessages).as("every server's member gets some").isPositive();
                total += queueMessages;
            }
            assertThat(total).as("each message delivered exactly once").isEqualTo(messages);
        } finally {
            for (Connection member : members) {
                member.close();
            }
        }
    }

    @Test
    void unsubscribingStopsTheRoutedMessages() throws Exception {
        assertRemovalStopsForwarding("gone.plain", null, Removal.UNSUBSCRIBE);
    }

    @Test
    void theLastQueueMemberLeavingStopsTheRoutedMessages() throws Exception {
        assertRemovalStopsForwarding("gone.queue", "grp", Removal.UNSUBSCRIBE);
    }

    @Test
    void aDisconnectingSubscriberStopsTheRoutedMessages() throws Exception {
        assertRemovalStopsForwarding("gone.disconnect", null, Removal.DISCONNECT);
    }

    /**
     * Subscribes on server two, sees server one forward, removes the interest and publishes 100
     * more: server two's routes from one must bring in nothing but the fence that follows.
     */
    private void assertRemovalStopsForwarding(String subject, String queue, Removal removal) throws Exception {
        String key = queue == null ? subject : subject + " " + queue;
        try (Connection publisher = Nats.connect(one.clientUrl());
             Connection fence = Nats.connect(two.clientUrl())) {
            Subscription fenceSubscription = fence.subscribe(subject + ".fence");
            fence.flush(Duration.ofSeconds(2));
            Connection subscriber = Nats.connect(two.clientUrl());
            Subscription subscription = queue == null ? subscriber.subscribe(subject) : subscriber.subscribe(subject, queue);
            subscriber.flush(Duration.ofSeconds(2));
            awaitInterest(one, two, key, 1);
            awaitInterest(one, two, subject + ".fence", 1);
            publisher.publish(subject, "before".getBytes());
            assertThat(subscription.nextMessage(Duration.ofSeconds(2))).isNotNull();

            if (removal == Removal.DISCONNECT) {
                subscriber.close();
            } else {
                subscription.unsubscribe();
                subscriber.flush(Duration.ofSeconds(2));
            }
            awaitNoInterest(one, two, key);
            long before = TestCluster.messagesFrom(two, one);
            for (int i = 0; i < 100; i++) {
                publisher.publish(subject, "after".getBytes());
            }
            publisher.publish(subject + ".fence", new byte[0]);
            assertThat(fenceSubscription.nextMessage(Duration.ofSeconds(2))).isNotNull();
            // The fence crosses, the 100 must not; the system account's heartbeats (STATSZ,
            // connection counts) may cross in the same moment.
            assertThat(TestCluster.messagesFrom(two, one)).as("RMSGs that reached server two after the removal")
                    .isBetween(before + 1, before + 4);
            subscriber.close();
        }
    }

    private enum Removal { UNSUBSCRIBE, DISCONNECT }

    @Test
    void requestsAreAnsweredAcrossTheCluster() throws Exception {
        try (Connection responder = Nats.connect(three.clientUrl());
             Connection requester = Nats.connect(one.clientUrl())) {
            responder.createDispatcher(m -> responder.publish(m.getReplyTo(), ("re:" + new String(m.getData()))
                    .getBytes())).subscribe("service.echo");
            responder.flush(Duration.ofSeconds(2));
            awaitInterest(one, three, "service.echo", 1);
            for (int i = 0; i < 20; i++) {
                Message reply = requester.request("service.echo", ("q" + i).getBytes(), Duration.ofSeconds(2));
                assertThat(new String(reply.getData())).isEqualTo("re:q" + i);
            }
        }
    }

    /**
     * nats-server #8233 and friends: subscribe, unsubscribe and disconnect racing on one subject
     * from clients on two servers. Afterwards every peer holds exactly the live interest.
     */
    @Test
    void racingSubscribeUnsubscribeAndDisconnectLeaveExactlyTheLiveInterest() throws Exception {
        String subject = "race.subject";
        List<Racer> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(new Racer(i % 2 == 0 ? one : two, subject, "rq", 7 + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (Racer racer : racers) {
            runs.add(CompletableFuture.runAsync(() -> racer.race(start, 300)));
        }
        start.countDown();
        CompletableFuture.allOf(runs.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        try {
            for (JnatsdServer owner : List.of(one, two)) {
                int plain = 0;
                int queued = 0;
                for (Racer racer : racers) {
                    if (racer.server == owner) {
                        racer.connection.flush(Duration.ofSeconds(2));
                        plain += racer.plain.size();
                        queued += racer.queued.size();
                    }
                }
                for (JnatsdServer peer : List.of(one, two, three)) {
                    if (peer != owner) {
                        assertConvergesTo(peer, owner, subject, plain, "rq", queued);
                    }
                }
            }
        } finally {
            for (Racer racer : racers) {
                racer.connection.close();
            }
        }
        for (JnatsdServer peer : List.of(one, two, three)) {
            for (JnatsdServer owner : List.of(one, two)) {
                if (peer != owner) {
                    assertConvergesTo(peer, owner, subject, 0, "rq", 0);
                }
            }
        }
    }

    /** Queue members joining and leaving concurrently: the weight a peer holds ends equal to the member count. */
    @Test
    void queueWeightsEndEqualToTheMemberCountAfterChurn() throws Exception {
        String subject = "churn.subject";
        List<Racer> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(new Racer(one, subject, "cq", 100 + i).queueOnly());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (Racer racer : racers) {
            runs.add(CompletableFuture.runAsync(() -> racer.race(start, 300)));
        }
        start.countDown();
        CompletableFuture.allOf(runs.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        int members = 0;
        for (Racer racer : racers) {
            racer.connection.flush(Duration.ofSeconds(2));
            members += racer.queued.size();
        }
        try {
            assertConvergesTo(two, one, subject, 0, "cq", members);
            assertConvergesTo(three, one, subject, 0, "cq", members);
        } finally {
            for (Racer racer : racers) {
                racer.connection.close();
            }
        }
        assertConvergesTo(two, one, subject, 0, "cq", 0);
    }

    private static void assertConvergesTo(JnatsdServer peer, JnatsdServer owner, String subject, int plain,
                                          String queue, int members) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            Map<String, Integer> interest = interestFrom(peer, owner, "$G");
            if (plain > 0) {
                assertThat(interest).as("plain interest of %s at %s", owner.server().serverName(),
                        peer.server().serverName()).containsEntry(subject, 1);
            } else {
                assertThat(interest).doesNotContainKey(subject);
            }
            if (members > 0) {
                assertThat(interest).as("queue weight of %s at %s", owner.server().serverName(),
                        peer.server().serverName()).containsEntry(subject + " " + queue, members);
            } else {
                assertThat(interest).doesNotContainKey(subject + " " + queue);
            }
        });
    }

    /** One client changing its interest in one subject at random, sometimes reconnecting abruptly. */
    private static final class Racer {
        final JnatsdServer server;
        final String subject;
        final String queue;
        final java.util.Random random;
        final List<Subscription> plain = new ArrayList<>();
        final List<Subscription> queued = new ArrayList<>();
        boolean queueOnly;
        Connection connection;
        Dispatcher dispatcher;

        Racer(JnatsdServer server, String subject, String queue, long seed) throws Exception {
            this.server = server;
            this.subject = subject;
            this.queue = queue;
            this.random = new java.util.Random(seed);
            connect();
        }

        Racer queueOnly() {
            queueOnly = true;
            return this;
        }

        private void connect() throws Exception {
            connection = Nats.connect(server.clientUrl());
            plain.clear();
            queued.clear();
        }

        void race(CountDownLatch start, int steps) {
            try {
                start.await();
                for (int step = 0; step < steps; step++) {
                    int action = random.nextInt(20);
                    if (action == 0 && !queueOnly) {
                        connection.close();
                        connect();
                    } else if (action < 7 && !queueOnly) {
                        plain.add(connection.subscribe(subject));
                    } else if (action < 13) {
                        queued.add(connection.subscribe(subject, queue));
                    } else {
                        List<Subscription> from = queueOnly || random.nextBoolean() ? queued : plain;
                        if (!from.isEmpty()) {
                            from.remove(random.nextInt(from.size())).unsubscribe();
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
