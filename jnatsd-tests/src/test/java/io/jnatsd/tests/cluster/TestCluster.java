package io.jnatsd.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.cluster.RouteConnection;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Subscription;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * In-process jnatsd servers forming one cluster, and what tests ask of them: the route mesh as
 * each server sees it, the interest a server holds from one peer, and the messages a peer's
 * connections have brought in. Closing it stops every server it still runs.
 */
final class TestCluster implements AutoCloseable {
    static final String NAME = "T";
    /** Default pool of 3 plus the dedicated $SYS connection (ROUTES.md §8). */
    static final int DEFAULT_CONNECTIONS_PER_REMOTE = 4;

    private final Map<String, JnatsdServer> servers = new java.util.LinkedHashMap<>();

    /** Starts server {@code name} routing to {@code seedPorts}, with options adjusted by {@code adjust}. */
    JnatsdServer start(String name, int clusterPort, List<Integer> seedPorts, UnaryOperator<ClusterOptions> adjust,
                       UnaryOperator<ServerOptions.Builder> server) throws InterruptedException {
        List<URI> routes = new ArrayList<>();
        for (int port : seedPorts) {
            routes.add(URI.create("nats-route://127.0.0.1:" + port));
        }
        ClusterOptions cluster = adjust.apply(ClusterOptions.listen("127.0.0.1", clusterPort).withName(NAME)
                .withRoutes(routes));
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name);
        server.apply(builder.options().cluster(cluster));
        JnatsdServer started = builder.start();
        servers.put(name, started);
        return started;
    }

    JnatsdServer start(String name, List<Integer> seedPorts) throws InterruptedException {
        return start(name, 0, seedPorts, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** Starts {@code count} servers S1..Sn, every one seeded with the first. */
    List<JnatsdServer> startSeeded(int count, UnaryOperator<ClusterOptions> adjust) throws InterruptedException {
        List<JnatsdServer> started = new ArrayList<>();
        JnatsdServer seed = start("S1", 0, List.of(), adjust, UnaryOperator.identity());
        started.add(seed);
        for (int i = 2; i <= count; i++) {
            started.add(start("S" + i, 0, List.of(clusterPort(seed)), adjust, UnaryOperator.identity()));
        }
        return started;
    }

    void stop(String name) {
        JnatsdServer server = servers.remove(name);
        if (server != null) {
            server.close();
        }
    }

    JnatsdServer get(String name) {
        return servers.get(name);
    }

    List<JnatsdServer> running() {
        return new ArrayList<>(servers.values());
    }

    @Override
    public void close() {
        servers.values().forEach(JnatsdServer::close);
        servers.clear();
    }

    // ---- what a server sees --------------------------------------------------------------------

    static int clusterPort(JnatsdServer server) {
        return server.server().cluster().listenPort();
    }

    static Cluster cluster(JnatsdServer server) {
        return server.server().cluster();
    }

    static String id(JnatsdServer server) {
        return server.server().serverId();
    }

    static String name(JnatsdServer server) {
        return server.server().serverName();
    }

    /** The route connections {@code server} holds to {@code peer}. */
    static List<RouteConnection> routesTo(JnatsdServer server, JnatsdServer peer) {
        List<RouteConnection> routes = new ArrayList<>();
        for (RouteConnection route : cluster(server).routes()) {
            if (route.remoteInfo().serverId.equals(id(peer))) {
                routes.add(route);
            }
        }
        return routes;
    }

    /** One route as a test failure shows it. */
    static String describe(RouteConnection route) {
        return "rid:" + route.id() + " " + route.localAddress() + "->" + route.remoteAddress() + " "
                + (route.pinnedAccount() != null ? route.pinnedAccount() : "pool#" + route.poolIndex())
                + (route.solicited() ? " solicited" : " accepted") + " closed:" + route.closeReason();
    }

    /** Messages {@code server} received over its routes from {@code peer}. */
    static long messagesFrom(JnatsdServer server, JnatsdServer peer) {
        long total = 0;
        for (RouteConnection route : routesTo(server, peer)) {
            total += route.inMessages();
        }
        return total;
    }

    /**
     * The interest {@code server} holds from {@code peer} in {@code account}: subject (and
     * " queue") mapped to the announced weight.
     */
    static Map<String, Integer> interestFrom(JnatsdServer server, JnatsdServer peer, String account) {
        Map<String, Integer> interest = new HashMap<>();
        for (RouteConnection route : routesTo(server, peer)) {
            for (Subscription subscription : route.remoteInterest()) {
                String key = subscription.sid();
                String prefix = "R " + account + " ";
                if (key.startsWith(prefix)) {
                    interest.put(key.substring(prefix.length()), subscription.weight());
                }
            }
        }
        return interest;
    }

    /**
     * Asserts that every pair of {@code servers} is connected by exactly {@code perRemote}
     * connections, each end seeing the same sockets (no duplicate left open on one side only),
     * one per pool slot or pinned account.
     */
    static void assertFullMesh(List<JnatsdServer> servers, int perRemote) {
        for (JnatsdServer server : servers) {
            assertThat(cluster(server).remoteCount()).as("remotes of %s", name(server)).isEqualTo(servers.size() - 1);
            for (JnatsdServer peer : servers) {
                if (peer == server) {
                    continue;
                }
                List<RouteConnection> routes = routesTo(server, peer);
                assertThat(routes).as("connections %s -> %s", name(server), name(peer)).hasSize(perRemote);
                Set<String> slots = new HashSet<>();
                for (RouteConnection route : routes) {
                    slots.add(route.pinnedAccount() != null ? route.pinnedAccount() : "#" + route.poolIndex());
                }
                assertThat(slots).as("slots %s -> %s", name(server), name(peer)).hasSize(perRemote);
                assertSameSockets(server, peer, routes);
            }
        }
    }

    static void awaitFullMesh(List<JnatsdServer> servers, int perRemote, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertFullMesh(servers, perRemote));
    }

    /**
     * Every connection {@code server} dialed directly (not through a proxy) is held by {@code peer}
     * too, seen from the other end: no duplicate is left open on one side only.
     */
    private static void assertSameSockets(JnatsdServer server, JnatsdServer peer, List<RouteConnection> routes) {
        Set<Integer> peerRemote = new HashSet<>();
        for (RouteConnection route : routesTo(peer, server)) {
            peerRemote.add(route.remoteAddress().getPort());
        }
        for (RouteConnection route : routes) {
            InetSocketAddress local = route.localAddress();
            InetSocketAddress remote = route.remoteAddress();
            if (remote.getPort() == clusterPort(peer)) {
                assertThat(peerRemote).as("%s's connection from port %d at %s", name(server), local.getPort(),
                        name(peer)).contains(local.getPort());
            }
        }
    }

    /** Waits until {@code server} holds {@code peer}'s interest {@code key} ("subject" or "subject queue") at that weight. */
    static void awaitInterest(JnatsdServer server, JnatsdServer peer, String key, int weight) {
        awaitInterest(server, peer, "$G", key, weight);
    }

    static void awaitInterest(JnatsdServer server, JnatsdServer peer, String account, String key, int weight) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(interestFrom(server, peer, account)).containsEntry(key, weight));
    }

    /** Waits until {@code server} holds no interest {@code key} from {@code peer}. */
    static void awaitNoInterest(JnatsdServer server, JnatsdServer peer, String key) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(interestFrom(server, peer, "$G")).doesNotContainKey(key));
    }

    /** The options with a route ping interval and ping max of their own (ROUTES.md §5.1). */
    static ClusterOptions withPing(ClusterOptions o, Duration interval, int pingMax) {
        return new ClusterOptions(o.name(), o.host(), o.port(), o.advertise(), o.noAdvertise(), o.routes(),
                o.connectRetries(), o.poolSize(), o.pinnedAccounts(), o.compression(), o.compressionRttThresholds(),
                interval, pingMax, o.authUser(), o.authPassword(), o.authToken(), o.authTimeout(), o.permissions(),
                o.tls());
    }

    /** A port that was free a moment ago (for servers that must know each other's port up front). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
