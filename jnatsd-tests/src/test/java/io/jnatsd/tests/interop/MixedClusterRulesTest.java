package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.RouteConnection;
import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.UserOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster rules as nats-server enforces them against jnatsd and the other way round: a
 * pinned account (ROUTES.md §8) works in a 2.10 mix, and a different pool size (§7) or cluster
 * name (§9) is refused whichever side dials, with nats-server's own error in its log.
 */
class MixedClusterRulesTest {
    private static final String ACCOUNTS_BLOCK = "accounts {\n  A { users: [ {user: a, password: a} ] }\n}\n";

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }

    private JnatsdServer jnatsd(String name, String cluster, List<Integer> seeds, UnaryOperator<ClusterOptions> adjust,
                                boolean accountA) throws Exception {
        List<URI> routes = new ArrayList<>();
        for (int port : seeds) {
            routes.add(URI.create("nats-route://127.0.0.1:" + port));
        }
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name);
        builder.options().cluster(adjust.apply(ClusterOptions.listen("127.0.0.1", 0).withName(cluster).withRoutes(routes)));
        if (accountA) {
            builder.options().accounts(List.of(
                    new AccountOptions("A", List.of(new UserOptions("a", "a", null, null)), List.of(), List.of())));
        }
        return closeLater(builder.start());
    }

    /** Two 2.10 servers and jnatsd, all pinning account A: each pair has its A connection, and A's traffic uses it. */
    @ParameterizedTest(name = "jnatsd seed: {0}")
    @ValueSource(booleans = {true, false})
    void aPinnedAccountWorksInA210Mix(boolean jnatsdSeed) throws Exception {
        GoServer.binary("NATS_SERVER_210");
        String pinned = "  accounts: [A]\n";
        JnatsdServer java;
        GoServer goOne;
        GoServer goTwo;
        if (jnatsdSeed) {
            java = jnatsd("java1", "PIN", List.of(), o -> o.withPinnedAccounts(List.of("A")), true);
            int seed = java.server().cluster().listenPort();
            goOne = closeLater(GoServer.start("NATS_SERVER_210", "go1", "PIN", List.of(seed), pinned, ACCOUNTS_BLOCK));
            goTwo = closeLater(GoServer.start("NATS_SERVER_210", "go2", "PIN", List.of(seed), pinned, ACCOUNTS_BLOCK));
        } else {
            goOne = closeLater(GoServer.start("NATS_SERVER_210", "go1", "PIN", List.of(), pinned, ACCOUNTS_BLOCK));
            goTwo = closeLater(GoServer.start("NATS_SERVER_210", "go2", "PIN", List.of(goOne.clusterPort), pinned,
                    ACCOUNTS_BLOCK));
            java = jnatsd("java1", "PIN", List.of(goOne.clusterPort), o -> o.withPinnedAccounts(List.of("A")), true);
        }
        ClusterNode javaNode = ClusterNode.of(java);
        ClusterNode goNodeTwo = ClusterNode.of(goTwo);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(java.server().cluster().remoteCount()).isEqualTo(2);
            assertThat(java.server().cluster().routes()).as("pool of 3 + $SYS + A per Go peer").hasSize(2 * 5);
            assertThat(ClusterNode.of(goOne).remotes()).isEqualTo(2);
            assertThat(goNodeTwo.remotes()).isEqualTo(2);
        });
        assertThat(java.server().cluster().routes()).filteredOn(route -> "A".equals(route.pinnedAccount())).hasSize(2);

        try (Connection onJava = Nats.connect(Options.builder().userInfo("a", "a").server(java.clientUrl()).build());
             Connection onGo = Nats.connect(Options.builder().userInfo("a", "a").server(goTwo.clientUrl()).build())) {
            Subscription javaSide = onJava.subscribe("pinned.to.java");
            Subscription goSide = onGo.subscribe("pinned.to.go");
            onJava.flush(Duration.ofSeconds(2));
            onGo.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                onGo.publish("pinned.to.java", "from go".getBytes());
                assertThat(javaSide.nextMessage(Duration.ofMillis(200))).isNotNull();
            });
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                onJava.publish("pinned.to.go", "from java".getBytes());
                Message message = goSide.nextMessage(Duration.ofMillis(200));
                assertThat(message).isNotNull();
            });
        }
        String goTwoId = goTwo.serverId();
        for (RouteConnection route : java.server().cluster().routes()) {
            if (!route.remoteInfo().serverId.equals(goTwoId)) {
                continue;
            }
            if ("A".equals(route.pinnedAccount())) {
                assertThat(route.inMessages()).as("A's messages from go2 on the A connection").isPositive();
            } else if (route.pinnedAccount() == null) {
                assertThat(route.inMessages()).as("A's messages from go2 on a pool connection").isZero();
            }
        }
        assertThat(goOne.protocolErrors()).isEmpty();
        assertThat(goTwo.protocolErrors()).isEmpty();
    }

    @ParameterizedTest(name = "jnatsd seed: {0}")
    @ValueSource(booleans = {true, false})
    void aDifferentPoolSizeIsRefusedWithNatsServersError(boolean jnatsdSeed) throws Exception {
        GoServer.binary("NATS_SERVER_210");
        JnatsdServer java;
        GoServer go;
        if (jnatsdSeed) {
            java = jnatsd("java1", "POOL", List.of(), UnaryOperator.identity(), false);
            go = closeLater(GoServer.start("NATS_SERVER_210", "go1", "POOL",
                    List.of(java.server().cluster().listenPort()), "  pool_size: 2\n"));
        } else {
            go = closeLater(GoServer.start("NATS_SERVER_210", "go1", "POOL", List.of(), "  pool_size: 2\n"));
            java = jnatsd("java1", "POOL", List.of(go.clusterPort), UnaryOperator.identity(), false);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> go.log().contains("Mismatch route pool size"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> java.server().cluster().remoteCount() == 0 && ClusterNode.of(go).remotes() == 0);
    }

    @ParameterizedTest(name = "{0}, jnatsd seed: {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "NATS_SERVER_210, true", "NATS_SERVER_210, false", "NATS_SERVER_29, true", "NATS_SERVER_29, false"})
    void anotherClusterNameIsRefusedWhicheverSideDials(String variable, boolean jnatsdSeed) throws Exception {
        GoServer.binary(variable);
        JnatsdServer java;
        GoServer go;
        if (jnatsdSeed) {
            java = jnatsd("java1", "OURS", List.of(), UnaryOperator.identity(), false);
            go = closeLater(GoServer.start(variable, "go1", "THEIRS", List.of(java.server().cluster().listenPort()), ""));
        } else {
            go = closeLater(GoServer.start(variable, "go1", "THEIRS", List.of(), ""));
            java = jnatsd("java1", "OURS", List.of(go.clusterPort), UnaryOperator.identity(), false);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> go.log().contains("Cluster Name Conflict"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> java.server().cluster().remoteCount() == 0 && ClusterNode.of(go).remotes() == 0);
    }
}
