package io.jnatsd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@JnatsdTest
class LeafFaultsTest {
    @NatsLeafNodes(leafs = {"store1", "store2"}, faultInjection = true, hubConfig = "leaf-hub.conf",
            credentials = "store:store")
    NatsTestLeafNodes edge;

    @Test
    void everyLeafDialsTheHubThroughItsOwnProxyAndIsBoundToTheLeafUsersAccount() {
        assertThat(edge.hub().server().leafNodes().connectionCount()).isEqualTo(2);
        for (String leaf : edge.leafNames()) {
            assertThat(edge.leaf(leaf).server().leafNodes().connectionCount()).as(leaf).isEqualTo(1);
        }
        assertThat(edge.hub().server().leafNodes().views()).allSatisfy(view -> assertThat(view.account()).isEqualTo("STORES"));
    }

    @Test
    void aCutLeafLinkSeparatesOnlyThatLeafAndTheHealRestoresDelivery() throws Exception {
        Connection hub = edge.connectHub("app:app");
        Connection store1 = edge.connectLeaf("store1", null);
        Connection store2 = edge.connectLeaf("store2", null);
        Subscription onHub = hub.subscribe("sales.>");
        hub.flush(Duration.ofSeconds(2));
        awaitDelivery(store1, onHub, "sales.store1");
        awaitDelivery(store2, onHub, "sales.store2");

        edge.cutLeaf("store1");
        assertThat(edge.hub().server().leafNodes().connectionCount()).isEqualTo(1);
        store1.publish("sales.lost", bytes("during the cut"));
        store1.flush(Duration.ofSeconds(2));
        assertThat(onHub.nextMessage(Duration.ofMillis(300))).as("the cut leaf is cut off").isNull();
        awaitDelivery(store2, onHub, "sales.store2");

        edge.healLeaf("store1");
        awaitDelivery(store1, onHub, "sales.store1");
    }

    @Test
    void leafLatencyDelaysARoundTripToTheHub() throws Exception {
        Connection hub = edge.connectHub("app:app");
        Connection store2 = edge.connectLeaf("store2", null);
        hub.createDispatcher(m -> hub.publish(m.getReplyTo(), m.getData())).subscribe("prices");
        hub.flush(Duration.ofSeconds(2));
        Requests.awaitReply(store2, "prices");

        edge.leafLatency("store2", Duration.ofMillis(150));
        long started = System.nanoTime();
        assertThat(store2.request("prices", bytes("slow"), Duration.ofSeconds(5))).isNotNull();
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);

        edge.leafLatency("store2", Duration.ZERO);
        assertThat(store2.request("prices", bytes("fast"), Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void theHubRestartsOnItsPortsAndTheLeafsComeBackWithTheirInterest() throws Exception {
        Connection store1 = edge.connectLeaf("store1", null);
        Subscription onStore1 = store1.subscribe("restock");
        store1.flush(Duration.ofSeconds(2));

        edge.killHub();
        edge.restartHub();
        Connection hub = edge.connectHub("app:app");
        awaitDelivery(hub, onStore1, "restock");
    }

    private static void awaitDelivery(Connection publisher, Subscription sub, String subject) throws InterruptedException {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            publisher.publish(subject, bytes("probe"));
            Message message = sub.nextMessage(Duration.ofMillis(100));
            while (message != null && !message.getSubject().equals(subject)) {
                message = sub.nextMessage(Duration.ofMillis(50));
            }
            return message != null;
        });
        while (sub.nextMessage(Duration.ofMillis(100)) != null) {
            // probes published while waiting for the first one
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
