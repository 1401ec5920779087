package io.jnatsd.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An in-process cluster for tests: servers named {@code s1..sN} in cluster {@code C}, all seeded
 * from the first, on ephemeral ports; {@link #start} returns once every server has a route to
 * every other one.
 */
public final class SeededCluster implements AutoCloseable {
    private final List<JnatsdServer> servers = new ArrayList<>();

    private SeededCluster() {
    }

    /** @param base fresh options for each server (client port, accounts, monitoring ...) */
    public static SeededCluster start(int size, Supplier<ServerOptions.Builder> base) throws Exception {
        SeededCluster cluster = new SeededCluster();
        try {
            for (int i = 1; i <= size; i++) {
                ClusterOptions options = ClusterOptions.listen("127.0.0.1", 0).withName("C");
                if (i > 1) {
                    int seed = cluster.servers.get(0).server().cluster().listenPort();
                    options = options.withRoutes(List.of(URI.create("nats-route://127.0.0.1:" + seed)));
                }
                cluster.servers.add(JnatsdServer.start(base.get().serverName("s" + i).cluster(options).build()));
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (JnatsdServer server : cluster.servers) {
                    assertThat(server.server().cluster().remoteCount()).as(server.server().serverName())
                            .isEqualTo(size - 1);
                }
            });
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    public JnatsdServer get(int index) {
        return servers.get(index);
    }

    public List<JnatsdServer> servers() {
        return servers;
    }

    @Override
    public void close() {
        servers.forEach(JnatsdServer::close);
    }
}
