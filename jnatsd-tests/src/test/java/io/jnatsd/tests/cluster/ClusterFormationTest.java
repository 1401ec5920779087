package io.jnatsd.tests.cluster;

import static io.jnatsd.tests.cluster.TestCluster.DEFAULT_CONNECTIONS_PER_REMOTE;
import static io.jnatsd.tests.cluster.TestCluster.awaitFullMesh;
import static io.jnatsd.tests.cluster.TestCluster.cluster;
import static io.jnatsd.tests.cluster.TestCluster.clusterPort;
import static io.jnatsd.tests.cluster.TestCluster.routesTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.cluster.RouteConnection;
import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.UserOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How clusters form (ROUTES.md §7, §8, §9, §11, §12): gossip builds the full mesh from one seed,
 * each pair holding the pool plus pinned connections exactly once; no-pool clusters hold one
 * connection per pair; clusters of another name are refused; duplicates are resolved.
 */
class ClusterFormationTest {
    private final TestCluster servers = new TestCluster();

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void threeServersSeededFromOneFormAFullMeshAndDeliverAcrossIt() throws Exception {
        List<JnatsdServer> mesh = servers.startSeeded(3, UnaryOperator.identity());
        awaitFullMesh(mesh, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        assertDelivery(mesh.get(1), mesh.get(2));
        assertDelivery(mesh.get(2), mesh.get(0));
    }

    @Test
    void fiveServersSeededFromOneFormAFullMeshByGossip() throws Exception {
        List<JnatsdServer> mesh = servers.startSeeded(5, UnaryOperator.identity());
        awaitFullMesh(mesh, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(15));
        assertDelivery(mesh.get(4), mesh.get(3));
        assertDelivery(mesh.get(1), mesh.get(4));
    }

    @Test
    void withoutPoolingEachPairHoldsOneConnectionCarryingEveryAccount() throws Exception {
        List<JnatsdServer> mesh = servers.startSeeded(3, options -> options.withPoolSize(-1));
        awaitFullMesh(mesh, 1, Duration.ofSeconds(10));
        for (RouteConnection route : cluster(mesh.get(0)).routes()) {
            assertThat(route.pinnedAccount()).isNull();
            assertThat(route.remoteInfo().routePoolSize).isZero();
        }
        assertDelivery(mesh.get(2), mesh.get(1));
    }

    @Test
    void aPinnedAccountGetsItsOwnConnectionPerPairAndItsTrafficTakesIt() throws Exception {
        UnaryOperator<io.jnatsd.config.ServerOptions.Builder> accountA = server -> server.accounts(List.of(
                new AccountOptions("A", List.of(new UserOptions("a", "a", null, null)), List.of(), List.of())));
        JnatsdServer seed = servers.start("P1", 0, List.of(), options -> options.withPinnedAccounts(List.of("A")),
                accountA);
        JnatsdServer second = servers.start("P2", 0, List.of(clusterPort(seed)),
                options -> options.withPinnedAccounts(List.of("A")), accountA);
        JnatsdServer third = servers.start("P3", 0, List.of(clusterPort(seed)),
                options -> options.withPinnedAccounts(List.of("A")), accountA);
        List<JnatsdServer> mesh = List.of(seed, second, third);
        awaitFullMesh(mesh, DEFAULT_CONNECTIONS_PER_REMOTE + 1, Duration.ofSeconds(10));

        assertDelivery(third, second, "a");
        // The pooled connections carry the system account's traffic too (connection counts of
        // account A, published on every connect as nats-server does), so only the pinned one is counted.
        assertThat(routesTo(third, second)).filteredOn(route -> "A".equals(route.pinnedAccount()))
                .singleElement().satisfies(route -> assertThat(route.inMessages())
                        .as("the message of account A arrives on its pinned connection").isEqualTo(1));
    }

    @Test
    void aServerOfAnotherClusterIsRefusedAndTheConflictIsLogged() throws Exception {
        try (LogCapture log = LogCapture.of(Cluster.class, Level.ERROR)) {
            JnatsdServer ours = servers.start("OURS", List.of());
            JnatsdServer theirs = servers.start("THEIRS", 0, List.of(clusterPort(ours)),
                    options -> options.withName("OTHER"), UnaryOperator.identity());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> log.count("cluster name from remote server conflicts") > 0);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> cluster(ours).remoteCount() == 0 && cluster(theirs).remoteCount() == 0);
            assertThat(cluster(ours).routes()).isEmpty();
            // The peer is written as nats-server writes it: ip:port, not Java's /ip:port.
            assertThat(log.lines()).filteredOn(line -> line.contains("conflicts")).isNotEmpty()
                    .allMatch(line -> line.matches("^ERROR 127\\.0\\.0\\.1:\\d+ - rid:\\d+ - .*"), "starts with ip:port");
        }
    }

    @Test
    void twoServersListingEachOtherKeepExactlyOnePoolBetweenThem() throws Exception {
        int portOne = TestCluster.freePort();
        int portTwo = TestCluster.freePort();
        JnatsdServer one = servers.start("D1", portOne, List.of(portTwo), UnaryOperator.identity(),
                UnaryOperator.identity());
        JnatsdServer two = servers.start("D2", portTwo, List.of(portOne), UnaryOperator.identity(),
                UnaryOperator.identity());
        awaitFullMesh(List.of(one, two), DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(15));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> TestCluster.assertFullMesh(List.of(one, two), DEFAULT_CONNECTIONS_PER_REMOTE));
        assertDelivery(one, two);
    }

    /** nats-server #5483: servers that all list all of each other must not churn duplicates. */
    @Test
    void fiveServersListingAllFiveConvergeWithFewDuplicates() throws Exception {
        try (LogCapture log = LogCapture.of(Cluster.class, Level.DEBUG)) {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ports.add(TestCluster.freePort());
            }
            List<JnatsdServer> mesh = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                mesh.add(servers.start("F" + (i + 1), ports.get(i), ports, UnaryOperator.identity(),
                        UnaryOperator.identity()));
            }
            awaitFullMesh(mesh, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(20));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .untilAsserted(() -> TestCluster.assertFullMesh(mesh, DEFAULT_CONNECTIONS_PER_REMOTE));
            long duplicates = log.count("Detected duplicate remote route");
            System.out.println("five servers listing all five: duplicate connections closed = " + duplicates);
            // Both ends log each duplicate. Dialing each other explicitly, every pair races once on its
            // first connection (2 lines); a churning pool would log dozens per pair. Allow 2 races per pair.
            assertThat(duplicates).isLessThanOrEqualTo(10 * 2 * 2);
            assertDelivery(mesh.get(0), mesh.get(4));
        }
    }

    /**
     * Servers started together find each other at once (issue 14): each dial that comes before the
     * seed listens is retried within 100 ms, gossip does not race handshakes already under way,
     * and pinned connections are dialed beside the pool. nats-server meshes 10 such servers in
     * about a second on a quiet 2-core machine; the bound leaves room for a busy one.
     */
    @Test
    void tenServersStartedTogetherSeededToOneMeshQuickly() throws Exception {
        int seedPort = TestCluster.freePort();
        List<java.util.concurrent.Future<JnatsdServer>> starting = new ArrayList<>();
        java.util.concurrent.ExecutorService starter = java.util.concurrent.Executors.newFixedThreadPool(10);
        long start = System.nanoTime();
        try {
            for (int i = 1; i <= 10; i++) {
                String name = "T" + i;
                boolean seed = i == 1;
                starting.add(starter.submit(() -> servers.start(name, seed ? seedPort : 0,
                        seed ? List.of() : List.of(seedPort), UnaryOperator.identity(), UnaryOperator.identity())));
            }
            List<JnatsdServer> mesh = new ArrayList<>();
            for (java.util.concurrent.Future<JnatsdServer> server : starting) {
                mesh.add(server.get());
            }
            awaitFullMesh(mesh, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
            System.out.printf("ten servers started together: full mesh after %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertDelivery(mesh.get(9), mesh.get(4));
        } finally {
            starter.shutdownNow();
        }
    }

    /** Right after a third server starts, the first one's clients hear of all three (nats-server: within ms). */
    @Test
    void theFirstServersConnectUrlsListTheThirdRightAfterItStarts() throws Exception {
        List<JnatsdServer> mesh = servers.startSeeded(3, UnaryOperator.identity());
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> mesh.get(0).server().connectUrls().size() == 3);
        System.out.printf("third server known to the first's clients %d ms after its start returned%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    /** A subscriber on {@code subscriberServer} receives what a client of {@code publisherServer} publishes. */
    static void assertDelivery(JnatsdServer subscriberServer, JnatsdServer publisherServer) throws Exception {
        assertDelivery(subscriberServer, publisherServer, null);
    }

    /** The same for a user whose password equals its name (null: no credentials). */
    static void assertDelivery(JnatsdServer subscriberServer, JnatsdServer publisherServer, String user)
            throws Exception {
        String subject = "delivery." + subscriberServer.server().serverName() + "." + System.nanoTime();
        try (Connection sub = Nats.connect(clientOptions(subscriberServer, user));
             Connection pub = Nats.connect(clientOptions(publisherServer, user))) {
            Subscription s = sub.subscribe(subject);
            sub.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> routesTo(publisherServer, subscriberServer).stream()
                    .anyMatch(route -> route.remoteInterest().stream().anyMatch(i -> i.subject().equals(subject))));
            pub.publish(subject, "hi".getBytes());
            Message m = s.nextMessage(Duration.ofSeconds(2));
            assertThat(m).as("message from %s to %s", publisherServer.server().serverName(),
                    subscriberServer.server().serverName()).isNotNull();
            assertThat(new String(m.getData())).isEqualTo("hi");
        }
    }

    private static Options clientOptions(JnatsdServer server, String user) {
        Options.Builder options = Options.builder().server(server.clientUrl());
        return user == null ? options.build() : options.userInfo(user, user).build();
    }
}
