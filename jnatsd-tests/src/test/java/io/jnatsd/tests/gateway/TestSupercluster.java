package io.jnatsd.tests.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.GatewayOptions;
import io.jnatsd.gateway.GatewayView;
import io.jnatsd.gateway.Gateways;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * In-process jnatsd clusters joined by gateways. Each server of a cluster routes to the cluster's
 * first server and lists, for each remote cluster, only one seed gateway URL: the rest of the
 * supercluster is learned by gossip, as GATEWAYS.md §2.3-§2.5 describe.
 */
final class TestSupercluster implements AutoCloseable {
    private final Map<String, List<JnatsdServer>> clusters = new LinkedHashMap<>();

    /** Starts cluster {@code name} of {@code size} servers ({@code name}1..n), gatewayed to the given seeds. */
    List<JnatsdServer> startCluster(String name, int size, Map<String, String> remoteSeeds) throws InterruptedException {
        List<GatewayOptions.RemoteGateway> remotes = new ArrayList<>();
        remoteSeeds.forEach((remote, url) ->
                remotes.add(new GatewayOptions.RemoteGateway(remote, List.of(URI.create(url)), null)));
        List<JnatsdServer> servers = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            List<URI> routes = servers.isEmpty() ? List.of()
                    : List.of(URI.create("nats-route://127.0.0.1:" + servers.get(0).server().cluster().listenPort()));
            GatewayOptions gateway = new GatewayOptions(name, "127.0.0.1", -1, null, 0, null, null,
                    GatewayOptions.DEFAULT_AUTH_TIMEOUT, null, false, remotes);
            JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name + i);
            builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName(name).withRoutes(routes))
                    .gateway(gateway);
            servers.add(builder.start());
        }
        clusters.put(name, servers);
        return servers;
    }

    /** The gateway URL of a server, as a remote's configuration names it. */
    static String gatewayUrl(JnatsdServer server) {
        return "nats://" + gateways(server).url();
    }

    static Gateways gateways(JnatsdServer server) {
        return server.server().gateways();
    }

    static Set<String> outboundTo(JnatsdServer server) {
        Set<String> names = new TreeSet<>();
        for (GatewayView view : gateways(server).outboundViews()) {
            names.add(view.gateway());
        }
        return names;
    }

    /** Waits until every server has an outbound connection to every other cluster. */
    void awaitFullMesh(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (Map.Entry<String, List<JnatsdServer>> cluster : clusters.entrySet()) {
                Set<String> others = new TreeSet<>(clusters.keySet());
                others.remove(cluster.getKey());
                for (JnatsdServer server : cluster.getValue()) {
                    assertThat(outboundTo(server)).as("outbound gateways of %s", server.server().serverName())
                            .isEqualTo(others);
                }
            }
        });
    }

    /** Waits until every server of {@code from} sees {@code cluster}'s interest in {@code subject}. */
    void awaitInterest(String from, String cluster, String subject, boolean present) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            for (JnatsdServer server : clusters.get(from)) {
                assertThat(gateways(server).remoteInterest(cluster, "$G", subject))
                        .as("%s sees %s's interest in %s", server.server().serverName(), cluster, subject)
                        .isEqualTo(present);
            }
        });
    }

    /** Messages every server of {@code cluster} sent over its outbound gateways. */
    long gatewayMessagesSentBy(String cluster) {
        long total = 0;
        for (JnatsdServer server : clusters.get(cluster)) {
            for (GatewayView view : gateways(server).outboundViews()) {
                total += view.outMessages();
            }
        }
        return total;
    }

    /** Kills one server: its connections drop without a goodbye to the peers. */
    void stop(JnatsdServer server) {
        clusters.values().forEach(servers -> servers.remove(server));
        server.close();
    }

    @Override
    public void close() {
        clusters.values().forEach(servers -> servers.forEach(JnatsdServer::close));
        clusters.clear();
    }
}
