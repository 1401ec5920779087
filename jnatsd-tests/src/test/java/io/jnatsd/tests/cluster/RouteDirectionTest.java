package io.jnatsd.tests.cluster;

import static io.jnatsd.tests.cluster.TestCluster.DEFAULT_CONNECTIONS_PER_REMOTE;
import static io.jnatsd.tests.cluster.TestCluster.awaitFullMesh;
import static io.jnatsd.tests.cluster.TestCluster.cluster;
import static io.jnatsd.tests.cluster.TestCluster.clusterPort;
import static io.jnatsd.tests.cluster.TestCluster.describe;
import static io.jnatsd.tests.cluster.TestCluster.routesTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.RouteConnection;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which side dials, and where (ROUTES.md §7, §11, §15), checked as nats-server 2.10.27 behaves
 * with a pair behind a relay: the server with the route configured opens every connection of the
 * pool, all at the URL of the pool's first one; the server that was dialed never dials back, not
 * at first and not when connections are lost. So when A reaches C only through a relay, every
 * route connection and every byte between them crosses it.
 */
class RouteDirectionTest {
    private static final int MESSAGES = 200;
    private static final byte[] PAYLOAD = new byte[1024];

    private final TestCluster servers = new TestCluster();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        servers.close();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void everyRouteConnectionAndAllTrafficBetweenAPairCrossTheRelayTheRouteNames() throws Exception {
        JnatsdServer c = servers.start("C", List.of());
        TcpProxy relay = new TcpProxy(clusterPort(c));
        closeables.add(relay);
        JnatsdServer a = servers.start("A", List.of(relay.port()));
        List<JnatsdServer> pair = List.of(a, c);

        awaitFullMesh(pair, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        assertEveryConnectionCrosses(a, c, relay);
        assertTrafficCrosses(a, c, relay);

        // Every connection lost at once: A dials them all again, through the relay.
        relay.drop(port -> true);
        awaitReplaced(pair, relay, DEFAULT_CONNECTIONS_PER_REMOTE);
        assertTrafficCrosses(a, c, relay);

        // One pool connection lost: its replacement follows the pool's URL too.
        int lost = routesTo(a, c).stream().filter(r -> r.pinnedAccount() == null && r.poolIndex() == 1)
                .findFirst().orElseThrow().localAddress().getPort();
        relay.drop(port -> port == lost);
        awaitReplaced(pair, relay, DEFAULT_CONNECTIONS_PER_REMOTE);
        assertTrafficCrosses(a, c, relay);

        // And nothing opens a direct path later on.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertEveryConnectionCrosses(a, c, relay));
    }

    @Test
    void withoutPoolingTheDialedServerNeverDialsBackEither() throws Exception {
        JnatsdServer c = servers.start("C", 0, List.of(), options -> options.withPoolSize(-1),
                java.util.function.UnaryOperator.identity());
        TcpProxy relay = new TcpProxy(clusterPort(c));
        closeables.add(relay);
        JnatsdServer a = servers.start("A", 0, List.of(relay.port()), options -> options.withPoolSize(-1),
                java.util.function.UnaryOperator.identity());
        List<JnatsdServer> pair = List.of(a, c);
        awaitFullMesh(pair, 1, Duration.ofSeconds(10));
        assertEveryConnectionCrosses(a, c, relay);
        relay.drop(port -> true);
        awaitReplaced(pair, relay, 1);
        assertTrafficCrosses(a, c, relay);
    }

    private static void awaitReplaced(List<JnatsdServer> pair, TcpProxy relay, int perRemote) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            TestCluster.assertFullMesh(pair, perRemote);
            assertEveryConnectionCrosses(pair.get(0), pair.get(1), relay);
        });
    }

    /** A dialed every connection through the relay; C dialed none; the relay carries each one. */
    private static void assertEveryConnectionCrosses(JnatsdServer a, JnatsdServer c, TcpProxy relay) {
        List<Integer> relayed = relay.clientPorts();
        for (RouteConnection route : cluster(a).routes()) {
            assertThat(route.solicited()).as("A dialed %s", describe(route)).isTrue();
            assertThat(route.remoteAddress().getPort()).as("A's %s goes to the relay", describe(route))
                    .isEqualTo(relay.port());
            assertThat(relayed).as("the relay carries %s", describe(route)).contains(route.localAddress().getPort());
        }
        for (RouteConnection route : cluster(c).routes()) {
            assertThat(route.solicited()).as("C never dials A: %s", describe(route)).isFalse();
        }
        assertThat(relayed).as("no other connection crosses the relay").hasSize(cluster(a).routes().size());
    }

    /** Messages in both directions: the relay passes at least their payload bytes. */
    private static void assertTrafficCrosses(JnatsdServer a, JnatsdServer c, TcpProxy relay) throws Exception {
        send(a, c, relay);
        send(c, a, relay);
    }

    private static void send(JnatsdServer from, JnatsdServer to, TcpProxy relay) throws Exception {
        String subject = "relayed." + to.server().serverName() + "." + System.nanoTime();
        try (Connection subscriber = Nats.connect(to.clientUrl()); Connection publisher = Nats.connect(from.clientUrl())) {
            Subscription subscription = subscriber.subscribe(subject);
            subscriber.flush(Duration.ofSeconds(2));
            TestCluster.awaitInterest(from, to, subject, 1);
            long before = relay.relayedBytes();
            for (int i = 0; i < MESSAGES; i++) {
                publisher.publish(subject, PAYLOAD);
            }
            publisher.flush(Duration.ofSeconds(2));
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(subscription.nextMessage(Duration.ofSeconds(2))).as("message %d", i).isNotNull();
            }
            assertThat(relay.relayedBytes() - before).as("bytes relayed for %s", subject)
                    .isGreaterThanOrEqualTo((long) MESSAGES * PAYLOAD.length);
        }
    }
}
