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
import io.jnatsd.config.ClusterOptions;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which credentials a route carries (ROUTES.md §4, §12), as nats-server 2.10.27 does: a configured
 * route sends only its URL's user and password; a gossiped route sends this server's own
 * {@code cluster.authorization} credentials. A configured route without credentials is therefore
 * refused by a peer that requires them, even when our own authorization would match, and no
 * refused server is ever registered or gossiped to the rest of the cluster.
 */
class RouteCredentialsTest {
    private static final String USER = "ruser";
    private static final String PASSWORD = "rpass";

    private final TestCluster servers = new TestCluster();

    @AfterEach
    void stop() {
        servers.close();
    }

    private JnatsdServer start(String name, String password, URI... routes) throws InterruptedException {
        return servers.start(name, 0, List.of(), options -> authorized(options, password).withRoutes(List.of(routes)),
                UnaryOperator.identity());
    }

    private static ClusterOptions authorized(ClusterOptions o, String password) {
        return new ClusterOptions(o.name(), o.host(), o.port(), o.advertise(), o.noAdvertise(), o.routes(),
                o.connectRetries(), o.poolSize(), o.pinnedAccounts(), o.compression(), o.compressionRttThresholds(),
                o.pingInterval(), o.pingMax(), USER, password, o.authToken(), o.authTimeout(), o.permissions(),
                o.tls());
    }

    private static URI route(JnatsdServer peer, String credentials) {
        return URI.create("nats-route://" + (credentials == null ? "" : credentials + "@") + "127.0.0.1:"
                + clusterPort(peer));
    }

    @Test
    void aConfiguredRouteWithoutCredentialsIsRefusedThoughOurOwnAuthorizationWouldMatch() throws Exception {
        try (LogCapture log = LogCapture.of(Cluster.class, Level.ERROR)) {
            JnatsdServer seed = start("SEED", PASSWORD);
            start("JOINER", PASSWORD, route(seed, null));
            await().atMost(Duration.ofSeconds(5)).until(() -> log.count("authentication error") > 0);
            // The joiner, like a 2.10 solicitor, may hold the route for a moment: the seed's INFO
            // arrives before its -ERR. The seed never admits it.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> cluster(seed).remoteCount() == 0);
        }
    }

    @Test
    void routesWithUrlCredentialsJoinAndGossipedRoutesUseOurOwnCredentials() throws Exception {
        JnatsdServer seed = start("SEED", PASSWORD);
        JnatsdServer two = start("TWO", PASSWORD, route(seed, USER + ":" + PASSWORD));
        JnatsdServer three = start("THREE", PASSWORD, route(seed, USER + ":" + PASSWORD));
        awaitFullMesh(List.of(seed, two, three), DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        ClusterFormationTest.assertDelivery(two, three);
    }

    @Test
    void aServerWithTheWrongPasswordIsNeitherAdmittedNorGossipedIn() throws Exception {
        JnatsdServer seed = start("SEED", PASSWORD);
        JnatsdServer member = start("MEMBER", PASSWORD, route(seed, USER + ":" + PASSWORD));
        awaitFullMesh(List.of(seed, member), DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        start("INTRUDER", "wrong", route(seed, USER + ":wrong"), route(member, null));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(cluster(seed).remoteCount()).isEqualTo(1);
            assertThat(cluster(member).remoteCount()).isEqualTo(1);
        });
    }

    /**
     * A 2.9-style solicitor writes CONNECT and INFO together. When the CONNECT is refused, the INFO
     * read with it must not register the peer: the seed would gossip it, and every member would
     * dial the address it claims.
     */
    @Test
    void anInfoArrivingWithARefusedConnectIsNeverGossiped() throws Exception {
        JnatsdServer seed = start("SEED", PASSWORD);
        JnatsdServer member = start("MEMBER", PASSWORD, route(seed, USER + ":" + PASSWORD));
        awaitFullMesh(List.of(seed, member), DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
        try (ServerSocket intruderPort = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Socket intruder = new Socket(InetAddress.getLoopbackAddress(), clusterPort(seed))) {
            intruderPort.setSoTimeout(1500);
            String info = "{\"server_id\":\"NINTRUDER\",\"server_name\":\"INTRUDER\",\"version\":\"2.9.10\",\"proto\":2,"
                    + "\"host\":\"127.0.0.1\",\"port\":" + intruderPort.getLocalPort() + ",\"headers\":true,"
                    + "\"cluster\":\"" + TestCluster.NAME + "\",\"lnoc\":true}";
            OutputStream out = intruder.getOutputStream();
            out.write(("CONNECT {\"echo\":true,\"user\":\"" + USER + "\",\"pass\":\"wrong\",\"name\":\"NINTRUDER\","
                    + "\"cluster\":\"" + TestCluster.NAME + "\",\"lnoc\":true}\r\nINFO " + info + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            try (Socket dialed = intruderPort.accept()) {
                throw new AssertionError("a member dialed the refused server at " + dialed.getLocalSocketAddress());
            } catch (SocketTimeoutException expected) {
                // nobody was told about it
            }
            assertThat(cluster(seed).remoteCount()).isEqualTo(1);
        }
    }
}
