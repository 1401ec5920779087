package io.jnatsd.tests.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monitoring JSON of a 2-server cluster, jnatsd against nats-server 2.10 in the same shape
 * (seed and joiner, a subscriber with plain and queue interest on the joiner, a publisher on the
 * seed): the seed's /routez, /routez?subs=1, /varz, /subsz and /connz have the same field names,
 * order and JSON types. Skipped without NATS_SERVER_210.
 */
class ClusterMonitorDifferentialTest {
    private static final List<String> ENDPOINTS = List.of("/routez", "/routez?subs=1", "/routez?subs=detail",
            "/varz", "/subsz?subs=1", "/connz?subs=1");

    private static final List<Process> goServers = new ArrayList<>();
    private static final List<JnatsdServer> jnatsdServers = new ArrayList<>();
    private static final List<Connection> connections = new ArrayList<>();
    private static MonitorHttp reference;
    private static MonitorHttp candidate;

    @BeforeAll
    static void start() throws Exception {
        String binary = System.getenv("NATS_SERVER_210");
        Assumptions.assumeTrue(binary != null && !binary.isEmpty(),
                "NATS_SERVER_210 is not set: skipping the cluster comparison with nats-server 2.10");
        int seedPort = freePort();
        int seedCluster = freePort();
        int seedMonitor = freePort();
        int joinerPort = freePort();
        goServers.add(new ProcessBuilder(binary, "-a", "127.0.0.1", "-p", "" + seedPort, "-m", "" + seedMonitor,
                "-n", "m1", "--cluster_name", "MON", "--cluster", "nats://127.0.0.1:" + seedCluster)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        goServers.add(new ProcessBuilder(binary, "-a", "127.0.0.1", "-p", "" + joinerPort, "-n", "m2",
                "--cluster_name", "MON", "--cluster", "nats://127.0.0.1:" + freePort(),
                "--routes", "nats://127.0.0.1:" + seedCluster)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        reference = new MonitorHttp("http://127.0.0.1:" + seedMonitor);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> reference.json("/routez").get("num_routes").asInt() == 4);

        JnatsdServer.Builder seed = JnatsdServer.builder().serverName("m1").monitorPort(-1);
        seed.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("MON"));
        JnatsdServer jnatsdSeed = seed.start();
        jnatsdServers.add(jnatsdSeed);
        JnatsdServer.Builder joiner = JnatsdServer.builder().serverName("m2");
        joiner.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("MON").withRoutes(
                List.of(URI.create("nats-route://127.0.0.1:" + jnatsdSeed.server().cluster().listenPort()))));
        JnatsdServer jnatsdJoiner = joiner.start();
        jnatsdServers.add(jnatsdJoiner);
        candidate = new MonitorHttp(jnatsdSeed.monitorUrl());
        await().atMost(Duration.ofSeconds(20)).until(() -> candidate.json("/routez").get("num_routes").asInt() == 4);

        activity("nats://127.0.0.1:" + seedPort, "nats://127.0.0.1:" + joinerPort, reference);
        activity(jnatsdSeed.clientUrl(), jnatsdJoiner.clientUrl(), candidate);
    }

    private static void activity(String seedUrl, String joinerUrl, MonitorHttp seedMonitor) throws Exception {
        Connection subscriber = connect(joinerUrl);
        subscriber.subscribe("orders.>");
        subscriber.subscribe("work", "workers");
        subscriber.flush(Duration.ofSeconds(5));
        Connection publisher = connect(seedUrl);
        connections.add(subscriber);
        connections.add(publisher);
        await().atMost(Duration.ofSeconds(10)).until(() -> seedMonitor.json("/subsz").get("num_subscriptions")
                .asInt() > 0 && routeInterest(seedMonitor) >= 2);
        for (int i = 0; i < 3; i++) {
            publisher.publish("orders.new", new byte[5]);
        }
        publisher.flush(Duration.ofSeconds(5));
    }

    private static int routeInterest(MonitorHttp monitor) throws Exception {
        int total = 0;
        for (var route : monitor.json("/routez").get("routes")) {
            total += route.get("subscriptions").asInt();
        }
        return total;
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(10)).build());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Connection connection : connections) {
            connection.close();
        }
        for (JnatsdServer server : jnatsdServers) {
            server.close();
        }
        for (Process process : goServers) {
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    void theSeedsClusterEndpointsHaveTheFieldsAndTypesOfNatsServer() throws Exception {
        List<String> differences = new ArrayList<>();
        for (String endpoint : ENDPOINTS) {
            MonitorDifferentialTest.compare(endpoint, reference.json(endpoint), candidate.json(endpoint), differences);
        }
        assertThat(differences).as("structural differences from nats-server 2.10").isEmpty();
    }
}
