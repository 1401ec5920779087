package io.jnatsd.tests.cluster;

import static io.jnatsd.tests.cluster.TestCluster.DEFAULT_CONNECTIONS_PER_REMOTE;
import static io.jnatsd.tests.cluster.TestCluster.awaitFullMesh;
import static io.jnatsd.tests.cluster.TestCluster.awaitInterest;
import static io.jnatsd.tests.cluster.TestCluster.cluster;
import static io.jnatsd.tests.cluster.TestCluster.clusterPort;
import static io.jnatsd.tests.cluster.TestCluster.routesTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.PoolIndex;
import io.jnatsd.cluster.RouteConnection;
import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.UserOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a cluster does when servers and connections go away (ROUTES.md §6.3, §11, §15): a stopped
 * server is forgotten and rejoins with its interest resynced, clients fail over through the
 * discovered URLs, dropped connections are re-dialed until every pair holds its full pool again,
 * and a half-open route is found by PING and replaced.
 */
class ClusterRecoveryTest {
    private final TestCluster servers = new TestCluster();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        servers.close();
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(0, resource);
        return resource;
    }

    /** Bounces the seed (index 0) or a joiner (index 1) of a three-server cluster. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aStoppedServerIsForgottenAndRejoinsOnItsPortWithInterestResynced(int bounced) throws Exception {
        List<JnatsdServer> mesh = servers.startSeeded(3, UnaryOperator.identity());
        awaitFullMesh(mesh, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        JnatsdServer victim = mesh.get(bounced);
        JnatsdServer survivor = mesh.get(2);
        String name = victim.server().serverName();
        int victimClusterPort = clusterPort(victim);
        int victimClientPort = victim.port();
        List<Integer> victimSeeds = bounced == 0 ? List.of() : List.of(clusterPort(mesh.get(0)));

        // A client that knows only the victim: its subscription must live again on the restarted server.
        Connection pinnedClient = closeLater(Nats.connect(Options.builder().server(victim.clientUrl())
                .ignoreDiscoveredServers().maxReconnects(-1).reconnectWait(Duration.ofMillis(50)).build()));
        Subscription onVictim = pinnedClient.subscribe("bounce.before");
        pinnedClient.flush(Duration.ofSeconds(2));
        Connection survivorClient = closeLater(Nats.connect(survivor.clientUrl()));
        Subscription onSurvivor = survivorClient.subscribe("bounce.survivor");
        survivorClient.flush(Duration.ofSeconds(2));

        servers.stop(name);
        List<JnatsdServer> remaining = new ArrayList<>(mesh);
        remaining.remove(victim);
        awaitFullMesh(remaining, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(5));

        JnatsdServer restarted = servers.start(name, victimClusterPort, victimSeeds, UnaryOperator.identity(),
                options -> options.port(victimClientPort));
        List<JnatsdServer> again = new ArrayList<>(remaining);
        again.add(restarted);
        awaitFullMesh(again, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));

        // Interest of the survivor reached the restarted server; the restored client's reached the survivor.
        try (Connection onRestarted = Nats.connect(restarted.clientUrl())) {
            awaitInterest(restarted, survivor, "bounce.survivor", 1);
            onRestarted.publish("bounce.survivor", "to-survivor".getBytes());
            assertThat(onSurvivor.nextMessage(Duration.ofSeconds(2))).isNotNull();

            awaitInterest(survivor, restarted, "bounce.before", 1);
            survivorClient.publish("bounce.before", "to-restarted".getBytes());
            assertThat(onVictim.nextMessage(Duration.ofSeconds(2))).isNotNull();

            Subscription after = onRestarted.subscribe("bounce.after");
            onRestarted.flush(Duration.ofSeconds(2));
            awaitInterest(survivor, restarted, "bounce.after", 1);
            survivorClient.publish("bounce.after", "new".getBytes());
            assertThat(after.nextMessage(Duration.ofSeconds(2))).isNotNull();
        }
    }

    @Test
    void aClientFailsOverToAServerItLearnedFromConnectUrls() throws Exception {
        List<JnatsdServer> mesh = servers.startSeeded(3, UnaryOperator.identity());
        awaitFullMesh(mesh, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        JnatsdServer first = mesh.get(0);
        Connection client = closeLater(Nats.connect(Options.builder().server(first.clientUrl())
                .reconnectWait(Duration.ofMillis(50)).maxReconnects(-1).build()));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.getServers().size() == 3);
        Subscription subscription = client.subscribe("failover.x");
        client.flush(Duration.ofSeconds(2));
        Connection publisher = closeLater(Nats.connect(mesh.get(2).clientUrl()));

        servers.stop(first.server().serverName());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.getStatus() == Connection.Status.CONNECTED
                && !client.getConnectedUrl().endsWith(":" + first.port()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            publisher.publish("failover.x", "still here".getBytes());
            Message message = subscription.nextMessage(Duration.ofMillis(200));
            assertThat(message).isNotNull();
        });
    }

    /**
     * Route connections dropped on the network, all of them, one pool slot, the pinned $SYS or A
     * connection or the one carrying account B: each time every pair is back to its full pool, and
     * interest dropped with a connection is announced again on its replacement.
     */
    @Test
    void afterEveryDropEachPairHoldsItsFullPoolAgainWithInterest() throws Exception {
        UnaryOperator<ClusterOptions> pinA = options -> options.withPinnedAccounts(List.of("A"));
        UnaryOperator<ServerOptions.Builder> accountA = server -> server.accounts(List.of(
                new AccountOptions("A", List.of(new UserOptions("a", "a", null, null)), List.of(), List.of()),
                new AccountOptions("B", List.of(new UserOptions("b", "b", null, null)), List.of(), List.of())));
        int poolOfB = PoolIndex.of("B", 3);
        JnatsdServer seed = servers.start("R1", 0, List.of(), pinA, accountA);
        TcpProxy toSeedFromTwo = closeLater(new TcpProxy(clusterPort(seed)));
        TcpProxy toSeedFromThree = closeLater(new TcpProxy(clusterPort(seed)));
        JnatsdServer two = servers.start("R2", 0, List.of(toSeedFromTwo.port()), pinA, accountA);
        JnatsdServer three = servers.start("R3", 0, List.of(toSeedFromThree.port()), pinA, accountA);
        List<JnatsdServer> mesh = List.of(seed, two, three);
        int perRemote = DEFAULT_CONNECTIONS_PER_REMOTE + 1;
        awaitFullMesh(mesh, perRemote, Duration.ofSeconds(10));
        Connection onSeed = closeLater(Nats.connect(Options.builder().server(seed.clientUrl()).userInfo("b", "b")
                .build()));
        Subscription subscription = onSeed.subscribe("kept.interest");
        onSeed.flush(Duration.ofSeconds(2));
        Connection publisher = closeLater(Nats.connect(Options.builder().server(two.clientUrl()).userInfo("b", "b")
                .build()));
        Connection onSeedA = closeLater(Nats.connect(Options.builder().server(seed.clientUrl()).userInfo("a", "a")
                .build()));
        Subscription subscriptionA = onSeedA.subscribe("kept.interest.a");
        onSeedA.flush(Duration.ofSeconds(2));
        Connection publisherA = closeLater(Nats.connect(Options.builder().server(three.clientUrl())
                .userInfo("a", "a").build()));

        List<Predicate<RouteConnection>> drops = List.of(
                route -> true,
                route -> route.pinnedAccount() == null && route.poolIndex() == 1,
                route -> "$SYS".equals(route.pinnedAccount()),
                route -> "A".equals(route.pinnedAccount()),
                route -> route.pinnedAccount() == null && route.poolIndex() == poolOfB,
                route -> route.pinnedAccount() == null && route.poolIndex() != poolOfB);
        // One joiner at a time: were both to lose the seed at once, the first back would gossip the
        // seed to the other, which would then (rightly) dial it directly, around its proxy.
        for (Predicate<RouteConnection> drop : drops) {
            for (JnatsdServer joiner : List.of(two, three)) {
                TcpProxy proxy = joiner == two ? toSeedFromTwo : toSeedFromThree;
                List<RouteConnection> dropped = new ArrayList<>();
                Set<Integer> ports = new HashSet<>();
                for (RouteConnection route : routesTo(joiner, seed)) {
                    if (drop.test(route)) {
                        ports.add(route.localAddress().getPort());
                        dropped.add(route);
                    }
                }
                assertThat(proxy.clientPorts()).as("connections through the proxy").containsAll(ports);
                proxy.drop(ports::contains);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(cluster(joiner).routes())
                        .as("dropped routes are gone").doesNotContainAnyElementsOf(dropped));
                awaitFullMesh(mesh, perRemote, Duration.ofSeconds(10));
                awaitInterest(two, seed, "B", "kept.interest", 1);
                publisher.publish("kept.interest", "again".getBytes());
                assertThat(subscription.nextMessage(Duration.ofSeconds(2))).isNotNull();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    publisherA.publish("kept.interest.a", "again".getBytes());
                    assertThat(subscriptionA.nextMessage(Duration.ofMillis(200))).isNotNull();
                });
            }
        }
    }

    /** nats-server #4681: a route whose peer went silent without closing is found stale and replaced. */
    @Test
    void aHalfOpenRouteIsFoundByPingAndReplaced() throws Exception {
        UnaryOperator<ClusterOptions> fastPing =
                options -> TestCluster.withPing(options, Duration.ofMillis(200), 2);
        JnatsdServer seed = servers.start("H1", 0, List.of(), fastPing, UnaryOperator.identity());
        TcpProxy proxy = closeLater(new TcpProxy(clusterPort(seed)));
        JnatsdServer joiner = servers.start("H2", 0, List.of(proxy.port()), fastPing, UnaryOperator.identity());
        List<JnatsdServer> pair = List.of(seed, joiner);
        awaitFullMesh(pair, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        List<RouteConnection> stalled = new ArrayList<>(cluster(joiner).routes());
        stalled.addAll(cluster(seed).routes());

        proxy.stallAll();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (RouteConnection old : stalled) {
                assertThat(old.closeReason()).as("old route %s", old.id()).isEqualTo("Stale Connection");
            }
        });
        awaitFullMesh(pair, DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        assertThat(cluster(joiner).routes()).doesNotContainAnyElementsOf(stalled);
        ClusterFormationTest.assertDelivery(seed, joiner);
        ClusterFormationTest.assertDelivery(joiner, seed);
    }
}
