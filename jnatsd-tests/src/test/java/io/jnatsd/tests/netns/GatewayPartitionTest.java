package io.jnatsd.tests.netns;

import static io.jnatsd.tests.netns.LabResources.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two clusters joined by gateways: EAST, a nats-server 2.10 and a jnatsd routed together, and
 * WEST, one server of either kind, black-holed for longer than stale detection takes (1 s ping
 * interval, ping_max 2) and then healed. Both sides drop the gateway connections as stale; after
 * the heal every server has its outbound gateway again and each outbound its inbound end,
 * interest made on either side during the partition crosses, and a queue group with members in
 * both clusters gets each message once.
 */
@Tag("slow")
class GatewayPartitionTest {
    private static final String GO = "NATS_SERVER_210";
    private static final Duration CONNECTED = Duration.ofSeconds(20);
    private static final Duration STALE_DETECTED = Duration.ofSeconds(8);
    private static final int QUEUE_MESSAGES = 30;
    private static final String PINGS = "ping_interval: \"1s\"\nping_max: 2\n";

    private final LabResources held = new LabResources(
            line -> line.contains(" - gid:") || line.contains("gateway"), "gatewayz");

    /** Each server's gateway lines, for comparing the two kinds (and for diagnosing a failure). */
    @AfterEach
    void stop() throws Exception {
        held.close();
    }

    @ParameterizedTest(name = "WEST: {0}")
    @ValueSource(strings = {GO, LabServer.JNATSD})
    void aBlackHoledGatewayIsDroppedAsStaleAndReconnectsWithItsInterestAfterTheHeal(String westKind) throws Exception {
        LabServer.binary(GO);
        NetworkLab lab = held.closeLater(NetworkLab.create());
        Path directory = held.closeLater(new TemporaryDirectory()).path();
        NetworkLab.Host eastGo = lab.addHost("E1");
        NetworkLab.Host eastJnatsd = lab.addHost("E2");
        NetworkLab.Host westHost = lab.addHost("W");
        String gateways = "  gateways: [\n    { name: EAST, urls: [ \"nats://" + eastGo.clusterAddress() + ":7222\" ] }\n"
                + "    { name: WEST, urls: [ \"nats://" + westHost.clusterAddress() + ":7222\" ] }\n  ]\n";
        LabServer e1 = held.server(LabServer.start(GO, eastGo, config(eastGo, "EAST", null, gateways), directory));
        LabServer e2 = held.server(LabServer.start(LabServer.JNATSD, eastJnatsd,
                config(eastJnatsd, "EAST", eastGo, gateways), directory));
        LabServer west = held.server(LabServer.start(westKind, westHost, config(westHost, "WEST", null, gateways),
                directory));
        List<LabServer> east = List.of(e1, e2);
        await().atMost(CONNECTED).pollInterval(Duration.ofMillis(100)).until(() -> formed(east, west));

        Connection onE1 = held.connect(e1);
        Connection onE2 = held.connect(e2);
        Connection onWest = held.connect(west);

        long blackHoled = System.nanoTime();
        lab.blackHole(westHost);
        await().atMost(STALE_DETECTED).pollInterval(Duration.ofMillis(20))
                .until(() -> !outbound(west, "EAST") && inbound(west, "EAST") == 0);
        long westDetected = System.nanoTime();
        await().atMost(STALE_DETECTED).pollInterval(Duration.ofMillis(20)).until(() -> !outbound(e1, "WEST")
                && !outbound(e2, "WEST") && inbound(e1, "WEST") + inbound(e2, "WEST") == 0);
        long eastDetected = System.nanoTime();

        Subscription onlyOnWest = onWest.subscribe("during.west");
        Subscription onlyOnE2 = onE2.subscribe("during.e2");
        Map<Integer, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        List<Connection> members = List.of(onE1, onE2, onWest);
        for (Connection member : members) {
            member.createDispatcher(m -> deliveries.computeIfAbsent((int) m.getData()[0], k -> new AtomicInteger())
                    .incrementAndGet()).subscribe("work", "workers");
            member.flush(Duration.ofSeconds(2));
        }
        await().atMost(STALE_DETECTED).pollInterval(Duration.ofMillis(50))
                .until(() -> west.log().contains("Error connecting to explicit gateway"));

        long healed = System.nanoTime();
        lab.heal(westHost);
        await().atMost(CONNECTED).pollInterval(Duration.ofMillis(20)).until(() -> formed(east, west));
        long reconnected = System.nanoTime();
        System.out.printf("WEST %s: it saw its gateways stale after %d ms, EAST after %d ms; all back %d ms after"
                        + " the heal%n", west, millis(blackHoled, westDetected), millis(blackHoled, eastDetected),
                millis(healed, reconnected));

        awaitDelivery(onE2, "during.west", onlyOnWest);
        awaitDelivery(onWest, "during.e2", onlyOnE2);
        for (int i = 0; i < QUEUE_MESSAGES; i++) {
            members.get(i % members.size()).publish("work", new byte[] {(byte) i});
        }
        for (Connection member : members) {
            member.flush(Duration.ofSeconds(2));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries.size() == QUEUE_MESSAGES);
        for (Connection member : members) {
            member.flush(Duration.ofSeconds(2));
        }
        assertThat(deliveries.values()).as("deliveries per message").allMatch(count -> count.get() == 1);
        for (LabServer server : held.servers()) {
            assertThat(server.logLines("Stale Connection")).as("stale lines of %s", server).isNotEmpty();
        }
    }

    /**
     * A cluster member whose route and gateway listeners are on the host's cluster link;
     * {@code seed} its route, if any.
     */
    private static String config(NetworkLab.Host host, String cluster, NetworkLab.Host seed, String gateways) {
        String routes = seed == null ? "" : "  routes: [ nats-route://" + seed.clusterAddress() + ":6222 ]\n";
        return PINGS + "cluster {\n  name: " + cluster + "\n  listen: " + host.clusterAddress() + ":6222\n" + routes
                + "}\ngateway {\n  name: " + cluster + "\n  listen: " + host.clusterAddress() + ":7222\n" + gateways
                + "}\n";
    }

    /**
     * Whether every server has its outbound gateway to the other cluster, and the inbound ones
     * match: WEST's one server is dialed by both of EAST's, and dials one of them.
     */
    private static boolean formed(List<LabServer> east, LabServer west) throws IOException {
        int eastInbound = 0;
        for (LabServer server : east) {
            if (!outbound(server, "WEST")) {
                return false;
            }
            eastInbound += inbound(server, "WEST");
        }
        return eastInbound == 1 && outbound(west, "EAST") && inbound(west, "EAST") == east.size();
    }

    private static boolean outbound(LabServer server, String remote) throws IOException {
        return server.monitor("gatewayz").path("outbound_gateways").has(remote);
    }

    private static int inbound(LabServer server, String remote) throws IOException {
        JsonNode connections = server.monitor("gatewayz").path("inbound_gateways").path(remote);
        return connections.isArray() ? connections.size() : 0;
    }

    /** Publishes on {@code publisher} until {@code subscription} receives, within a bound. */
    private static void awaitDelivery(Connection publisher, String subject, Subscription subscription) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            publisher.publish(subject, new byte[] {1});
            publisher.flush(Duration.ofSeconds(2));
            return subscription.nextMessage(Duration.ofMillis(200)) != null;
        });
    }



}
