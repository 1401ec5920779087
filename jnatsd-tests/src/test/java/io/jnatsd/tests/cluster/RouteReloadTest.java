package io.jnatsd.tests.cluster;

import static io.jnatsd.tests.cluster.TestCluster.DEFAULT_CONNECTIONS_PER_REMOTE;
import static io.jnatsd.tests.cluster.TestCluster.awaitFullMesh;
import static io.jnatsd.tests.cluster.TestCluster.cluster;
import static io.jnatsd.tests.cluster.TestCluster.clusterPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reload that changes {@code cluster.routes}, as nats-server 2.10 applies it: the connections
 * dialed through a route taken out of the list close ("Removed route", once per connection, then
 * "Reloaded: cluster routes") and are not dialed again; a route put back is dialed at once. Other
 * changes of the cluster block are refused, since the running cluster keeps its start-up settings.
 */
class RouteReloadTest {
    private final TestCluster servers = new TestCluster();

    @AfterEach
    void stop() {
        servers.close();
    }

    /** SEED, and MEMBER with a configured route to it, meshed. */
    private List<JnatsdServer> meshedPair() throws InterruptedException {
        JnatsdServer seed = servers.start("SEED", List.of());
        JnatsdServer member = servers.start("MEMBER", List.of(clusterPort(seed)));
        awaitFullMesh(List.of(seed, member), DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        return List.of(seed, member);
    }

    @Test
    void aRouteTakenOutIsClosedForGoodAndOnePutBackIsDialed() throws Exception {
        List<JnatsdServer> pair = meshedPair();
        JnatsdServer seed = pair.get(0);
        JnatsdServer member = pair.get(1);
        ServerOptions configured = member.server().options();
        URI route = configured.cluster().routes().get(0);

        try (LogCapture clusterLog = LogCapture.of(Cluster.class, Level.INFO);
             LogCapture serverLog = LogCapture.of(NatsServer.class, Level.INFO)) {
            ServerOptions withoutRoute = configured.toBuilder().cluster(configured.cluster().withRoutes(List.of())).build();
            assertThat(member.server().reload(withoutRoute)).isEmpty();
            assertThat(clusterLog.count("Removed route " + route)).isEqualTo(DEFAULT_CONNECTIONS_PER_REMOTE);
            assertThat(serverLog.lines()).contains("INFO Reloaded: cluster routes");
            // Longer than a closed explicit route's re-dial pause (1 s plus up to 100 ms).
            await().atMost(Duration.ofSeconds(5)).during(Duration.ofMillis(2500))
                    .until(() -> cluster(member).remoteCount() == 0 && cluster(seed).remoteCount() == 0);
        }

        assertThat(member.server().reload(configured)).isEmpty();
        awaitFullMesh(List.of(seed, member), DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        ClusterFormationTest.assertDelivery(seed, member);
    }

    @Test
    void otherClusterChangesAreRefusedAndTheRoutesStay() throws Exception {
        JnatsdServer member = meshedPair().get(1);
        ServerOptions configured = member.server().options();
        ServerOptions pool = configured.toBuilder().cluster(configured.cluster().withPoolSize(5)
                .withRoutes(List.of())).build();
        assertThat(member.server().reload(pool)).containsExactly("cluster");
        await().atMost(Duration.ofSeconds(3)).during(Duration.ofMillis(1500))
                .until(() -> cluster(member).remoteCount() == 1);
    }
}
