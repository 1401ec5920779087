package io.jnatsd.tests.netns;

import static io.jnatsd.tests.netns.LabResources.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * A leaf server (either kind) whose remote lists both servers of a hub cluster (a nats-server
 * 2.10 and a jnatsd), black-holed from the hub for longer than stale detection takes (1 s ping
 * interval, ping_max 2) and then healed. Both ends drop the leaf connection as stale; after the
 * heal the leaf reconnects once (one leaf connection in the hub's /leafz), interest made on
 * either side during the partition crosses, and a queue group with members on all three
 * servers gets each message once.
 */
@Tag("slow")
class LeafPartitionTest {
    private static final String GO = "NATS_SERVER_210";
    private static final Duration CONNECTED = Duration.ofSeconds(20);
    private static final Duration STALE_DETECTED = Duration.ofSeconds(8);
    private static final int QUEUE_MESSAGES = 30;
    private static final String PINGS = "ping_interval: \"1s\"\nping_max: 2\n";

    private final LabResources held = new LabResources(
            line -> line.contains(" - lid:") || line.contains("leafnode"), "leafz");

    /** Each server's leaf lines, for comparing the two kinds (and for diagnosing a failure). */
    @AfterEach
    void stop() throws Exception {
        held.close();
    }

    @ParameterizedTest(name = "leaf: {0}")
    @ValueSource(strings = {GO, LabServer.JNATSD})
    void aBlackHoledLeafIsDroppedAsStaleAndReconnectsOnceWithItsInterestAfterTheHeal(String leafKind) throws Exception {
        LabServer.binary(GO);
        NetworkLab lab = held.closeLater(NetworkLab.create());
        Path directory = held.closeLater(new TemporaryDirectory()).path();
        NetworkLab.Host goHub = lab.addHost("A");
        NetworkLab.Host jnatsdHub = lab.addHost("B");
        NetworkLab.Host leafHost = lab.addHost("L");
        LabServer a = held.server(LabServer.start(GO, goHub, hubConfig(goHub, null), directory));
        LabServer b = held.server(LabServer.start(LabServer.JNATSD, jnatsdHub, hubConfig(jnatsdHub, goHub), directory));
        LabServer leaf = held.server(LabServer.start(leafKind, leafHost, PINGS + "leafnodes {\n  remotes: [ { urls: [ "
                + "\"nats-leaf://" + goHub.clusterAddress() + ":7422\", \"nats-leaf://" + jnatsdHub.clusterAddress()
                + ":7422\" ] } ]\n}\n", directory));
        await().atMost(CONNECTED).pollInterval(Duration.ofMillis(100))
                .until(() -> leafs(leaf) == 1 && leafs(a) + leafs(b) == 1);
        LabServer hub = leafs(a) == 1 ? a : b;

        Connection onA = held.connect(a);
        Connection onB = held.connect(b);
        Connection onLeaf = held.connect(leaf);

        long blackHoled = System.nanoTime();
        lab.blackHole(leafHost);
        await().atMost(STALE_DETECTED).pollInterval(Duration.ofMillis(20)).until(() -> leafs(leaf) == 0);
        long leafDetected = System.nanoTime();
        await().atMost(STALE_DETECTED).pollInterval(Duration.ofMillis(20)).until(() -> leafs(hub) == 0);
        long hubDetected = System.nanoTime();

        Subscription onlyOnLeaf = onLeaf.subscribe("during.leaf");
        Subscription onlyOnA = onA.subscribe("during.a");
        Map<Integer, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        List<Connection> members = List.of(onA, onB, onLeaf);
        for (Connection member : members) {
            member.createDispatcher(m -> deliveries.computeIfAbsent((int) m.getData()[0], k -> new AtomicInteger())
                    .incrementAndGet()).subscribe("work", "workers");
            member.flush(Duration.ofSeconds(2));
        }
        await().atMost(STALE_DETECTED).pollInterval(Duration.ofMillis(50))
                .until(() -> leaf.log().contains("Error trying to connect as leafnode to remote server"));

        long healed = System.nanoTime();
        lab.heal(leafHost);
        await().atMost(CONNECTED).pollInterval(Duration.ofMillis(20)).until(() -> leafs(leaf) == 1);
        long reconnected = System.nanoTime();
        System.out.printf("leaf %s: it saw its hub connection stale after %d ms, the hub %s after %d ms;"
                        + " reconnected %d ms after the heal%n", leaf, millis(blackHoled, leafDetected), hub,
                millis(blackHoled, hubDetected), millis(healed, reconnected));

        awaitDelivery(onA, "during.leaf", onlyOnLeaf);
        awaitDelivery(onLeaf, "during.a", onlyOnA);
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
        assertThat(leafs(leaf)).isEqualTo(1);
        assertThat(leafs(a) + leafs(b)).as("leaf connections of the hub").isEqualTo(1);
        assertThat(leaf.logLines("Stale Connection")).as("stale lines of the leaf").isNotEmpty();
        assertThat(hub.logLines("Stale Connection")).as("stale lines of the hub").isNotEmpty();
    }

    /**
     * A hub cluster member whose route and leaf listeners are on the host's cluster link (so
     * that the leaf URLs it advertises are there too); {@code seed} its route, if any.
     */
    private static String hubConfig(NetworkLab.Host host, NetworkLab.Host seed) {
        String routes = seed == null ? "" : "  routes: [ nats-route://" + seed.clusterAddress() + ":6222 ]\n";
        return PINGS + "cluster {\n  name: HUB\n  listen: " + host.clusterAddress() + ":6222\n" + routes + "}\n"
                + "leafnodes {\n  listen: " + host.clusterAddress() + ":7422\n}\n";
    }

    /** Publishes on {@code publisher} until {@code subscription} receives, within a bound. */
    private static void awaitDelivery(Connection publisher, String subject, Subscription subscription) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            publisher.publish(subject, new byte[] {1});
            publisher.flush(Duration.ofSeconds(2));
            return subscription.nextMessage(Duration.ofMillis(200)) != null;
        });
    }

    private static int leafs(LabServer server) throws IOException {
        return server.monitor("leafz").path("leafnodes").asInt();
    }



}
