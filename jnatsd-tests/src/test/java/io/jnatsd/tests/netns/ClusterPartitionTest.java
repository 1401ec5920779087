package io.jnatsd.tests.netns;

import static io.jnatsd.tests.netns.LabResources.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A three-server cluster (a nats-server 2.10, a jnatsd, and the server under test, of either
 * kind) with a 1 s route ping interval and ping_max 2, whose third server is black-holed for
 * longer than stale detection takes and then healed. The third server joined through the
 * others as seeds, which do not list it: once their one re-dial of a lost implicit route has
 * failed, only its own re-dials can bring it back. Both sides notice the stale routes and log
 * them as nats-server does; the third server re-dials a second after its routes went stale (its
 * debug log shows the dials); interest made and removed on either side during the partition is
 * exchanged after the heal; messages and a queue group flow again; each server holds as many
 * route connections per peer as before the partition, none duplicated.
 */
@Tag("slow")
class ClusterPartitionTest {
    private static final String GO = "NATS_SERVER_210";
    private static final Duration ROUTES_FORMED = Duration.ofSeconds(20);
    /** Three ping intervals and a margin: stale after ping_max unanswered PINGs. */
    private static final Duration STALE_DETECTED = Duration.ofSeconds(8);
    private static final int QUEUE_MESSAGES = 30;
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS");
    private static final String DIAL_ERROR = "Error trying to connect to route (attempt 1): dial tcp ";

    private final LabResources held = new LabResources(
            line -> line.contains(" - rid:") || line.contains("Error trying"), "routez");

    /** Each server's link lines, for comparing the two kinds (and for diagnosing a failure). */
    @AfterEach
    void stop() throws Exception {
        held.close();
    }

    @ParameterizedTest(name = "partitioned: {0}")
    @ValueSource(strings = {GO, LabServer.JNATSD})
    void aBlackHoledServerIsDroppedAsStaleAndRejoinsWithItsInterestAfterTheHeal(String partitionedKind) throws Exception {
        LabServer.binary(GO);
        NetworkLab lab = held.closeLater(NetworkLab.create());
        Path directory = held.closeLater(new TemporaryDirectory()).path();
        List<NetworkLab.Host> hosts = List.of(lab.addHost("A"), lab.addHost("B"), lab.addHost("C"));
        LabServer a = held.server(LabServer.start(GO, hosts.get(0), clusterConfig(hosts.get(0), List.of()), directory));
        LabServer b = held.server(LabServer.start(LabServer.JNATSD, hosts.get(1),
                clusterConfig(hosts.get(1), hosts.subList(0, 1)), directory));
        LabServer c = held.server(LabServer.start(partitionedKind, hosts.get(2),
                "debug: true\n" + clusterConfig(hosts.get(2), hosts.subList(0, 2)), directory));
        await().atMost(ROUTES_FORMED).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (LabServer server : held.servers()) {
                assertThat(routesPerPeer(server)).as("routes of %s", server).hasSize(2);
            }
        });
        Map<LabServer, Map<String, Integer>> formed = new HashMap<>();
        for (LabServer server : held.servers()) {
            formed.put(server, awaitSteadyRoutes(server));
        }

        Connection onA = held.connect(a);
        Connection onC = held.connect(c);
        Subscription goneOnC = onC.subscribe("gone.c");
        onC.flush(Duration.ofSeconds(2));
        awaitInterest(a, "gone.c", true);

        int logBefore = c.log().length();
        long blackHoled = System.nanoTime();
        lab.blackHole(c.host());
        await().atMost(STALE_DETECTED).pollInterval(Duration.ofMillis(20))
                .until(() -> c.monitor("routez").get("num_routes").asInt() == 0);
        long cDetected = System.nanoTime();
        await().atMost(STALE_DETECTED).pollInterval(Duration.ofMillis(20))
                .until(() -> !routesPerPeer(a).containsKey(serverId(c)) && !routesPerPeer(b).containsKey(serverId(c)));
        long othersDetected = System.nanoTime();

        Subscription onlyOnC = onC.subscribe("during.c");
        Subscription onlyOnA = onA.subscribe("during.a");
        Map<String, AtomicInteger> queueDeliveries = new ConcurrentHashMap<>();
        List<Connection> queueMembers = List.of(onA, held.connect(b), onC);
        for (int i = 0; i < queueMembers.size(); i++) {
            String member = held.servers().get(i).name();
            queueMembers.get(i).createDispatcher(m -> queueDeliveries.computeIfAbsent(member, k -> new AtomicInteger())
                    .incrementAndGet()).subscribe("work", "workers");
        }
        goneOnC.unsubscribe();
        onA.flush(Duration.ofSeconds(2));
        onC.flush(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String partitionLog = c.log().substring(logBefore);
            return partitionLog.contains(DIAL_ERROR + a.host().clusterAddress() + ":")
                    && partitionLog.contains(DIAL_ERROR + b.host().clusterAddress() + ":");
        });

        long healed = System.nanoTime();
        lab.heal(c.host());
        await().atMost(ROUTES_FORMED).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            for (LabServer server : held.servers()) {
                assertThat(routesPerPeer(server)).as("routes of %s", server).hasSize(2);
            }
        });
        long rejoined = System.nanoTime();
        for (LabServer server : held.servers()) {
            assertThat(awaitSteadyRoutes(server)).as("route connections per peer of %s", server)
                    .isEqualTo(formed.get(server));
        }
        long redialMillis = firstRedialMillis(c);
        System.out.printf("partitioned %s: C saw stale routes after %d ms, A and B after %d ms; C re-dialed %d ms"
                        + " after its first stale route; routes whole %d ms after the heal%n", c,
                millis(blackHoled, cDetected), millis(blackHoled, othersDetected), redialMillis, millis(healed, rejoined));
        // nats-server re-dials a lost route after 1 s and 0-100 ms
        assertThat(redialMillis).as("first re-dial of %s after its first stale route", c).isGreaterThanOrEqualTo(950);

        awaitInterest(a, "during.c", true);
        awaitInterest(c, "during.a", true);
        awaitInterest(a, "gone.c", false);
        onA.publish("during.c", "from A".getBytes(StandardCharsets.UTF_8));
        onC.publish("during.a", "from C".getBytes(StandardCharsets.UTF_8));
        assertThat(body(onlyOnC.nextMessage(Duration.ofSeconds(5)))).isEqualTo("from A");
        assertThat(body(onlyOnA.nextMessage(Duration.ofSeconds(5)))).isEqualTo("from C");

        for (LabServer server : held.servers()) {
            awaitQueueWeight(server, held.servers());
        }
        for (int i = 0; i < QUEUE_MESSAGES; i++) {
            queueMembers.get(i % queueMembers.size()).publish("work", new byte[] {(byte) i});
        }
        for (Connection connection : queueMembers) {
            connection.flush(Duration.ofSeconds(2));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> total(queueDeliveries) >= QUEUE_MESSAGES);
        onA.flush(Duration.ofSeconds(2));
        onC.flush(Duration.ofSeconds(2));
        assertThat(total(queueDeliveries)).as("queue deliveries %s", queueDeliveries).isEqualTo(QUEUE_MESSAGES);

        for (LabServer server : held.servers()) {
            assertThat(server.logLines("Router connection closed: Stale Connection")).as("stale lines of %s", server)
                    .isNotEmpty();
        }
    }

    /**
     * A cluster block listening on the host's cluster link, with routes to {@code seeds}; a 1 s
     * ping interval both in the cluster block (2.10) and at the top level (2.9, clients).
     */
    private static String clusterConfig(NetworkLab.Host host, List<NetworkLab.Host> seeds) {
        StringBuilder routes = new StringBuilder();
        for (NetworkLab.Host seed : seeds) {
            routes.append("    nats-route://").append(seed.clusterAddress()).append(":6222\n");
        }
        return "ping_interval: \"1s\"\nping_max: 2\n"
                + "cluster {\n  name: NETFAULT\n  listen: " + host.clusterAddress() + ":6222\n  ping_interval: \"1s\"\n  ping_max: 2\n"
                + "  routes: [\n" + routes + "  ]\n}\n";
    }

    /** Milliseconds from the first stale route in the server's log to its next dial (a debug line). */
    private static long firstRedialMillis(LabServer server) {
        List<String> lines = server.log().lines().toList();
        int stale = 0;
        while (stale < lines.size() && !lines.get(stale).contains("Router connection closed: Stale Connection")) {
            stale++;
        }
        for (int i = stale + 1; i < lines.size(); i++) {
            if (lines.get(i).contains("Trying to connect to route on")) {
                return Duration.between(logTime(lines.get(stale)), logTime(lines.get(i))).toMillis();
            }
        }
        throw new AssertionError(server + " logged no stale route and dial after it");
    }

    /** The time of a log line, {@code [pid] 2026/12/06 04:43:33.548410 [INF] ...} in both servers. */
    private static LocalDateTime logTime(String line) {
        String[] fields = line.split(" ", 4);
        return LocalDateTime.parse(fields[1] + " " + fields[2], LOG_TIME);
    }

    /** Waits until the route connections per peer stop changing for a moment, and returns them. */
    private static Map<String, Integer> awaitSteadyRoutes(LabServer server) {
        AtomicReference<Map<String, Integer>> last = new AtomicReference<>();
        await().atMost(ROUTES_FORMED).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Map<String, Integer> now = routesPerPeer(server);
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    /** Route connections per remote server id, from /routez. */
    private static Map<String, Integer> routesPerPeer(LabServer server) throws Exception {
        Map<String, Integer> perPeer = new HashMap<>();
        for (JsonNode route : server.monitor("routez").get("routes")) {
            perPeer.merge(route.get("remote_id").asText(), 1, Integer::sum);
        }
        return perPeer;
    }

    private static String serverId(LabServer server) throws Exception {
        return server.monitor("varz").get("server_id").asText();
    }

    /** Waits until some route of {@code server} carries (or no longer carries) interest in {@code subject}. */
    private static void awaitInterest(LabServer server, String subject, boolean present) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> routeSubjects(server).contains(subject) == present);
    }

    /** Waits until {@code server} holds queue interest in "work" from each of the others. */
    private static void awaitQueueWeight(LabServer server, List<LabServer> servers) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            int peers = 0;
            for (JsonNode route : server.monitor("routez?subs=detail").get("routes")) {
                JsonNode list = route.get("subscriptions_list_detail");
                if (list != null) {
                    for (JsonNode subscription : list) {
                        if (subscription.path("subject").asText().equals("work")) {
                            peers++;
                        }
                    }
                }
            }
            return peers >= servers.size() - 1;
        });
    }

    private static List<String> routeSubjects(LabServer server) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (JsonNode route : server.monitor("routez?subs=1").get("routes")) {
            JsonNode list = route.get("subscriptions_list");
            if (list != null) {
                list.forEach(subject -> subjects.add(subject.asText()));
            }
        }
        return subjects;
    }


    private static String body(Message message) {
        assertThat(message).as("message").isNotNull();
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    private static int total(Map<String, AtomicInteger> counts) {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }


}
