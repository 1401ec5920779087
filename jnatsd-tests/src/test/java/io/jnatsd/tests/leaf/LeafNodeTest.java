package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A jnatsd hub with accounts A and B and two jnatsd leaf servers, LA bound to A and LB bound to B
 * (LEAFNODES.md): messages and requests cross the boundary both ways, and a leaf never sees the
 * other account's traffic.
 */
class LeafNodeTest {
    private static JnatsdServer hub;
    private static JnatsdServer leafA;
    private static JnatsdServer leafB;

    @BeforeAll
    static void start() throws Exception {
        hub = JnatsdServer.builder().configString("""
                server_name: HUB
                accounts {
                  A { users: [ {user: a, password: a} ] }
                  B { users: [ {user: b, password: b} ] }
                }
                leafnodes {
                  host: 127.0.0.1
                  port: -1
                  authorization { users: [ {user: la, password: la, account: A}, {user: lb, password: lb, account: B} ] }
                }
                """).start();
        int port = hub.server().leafNodes().listenPort();
        leafA = leaf("LA", "la", port);
        leafB = leaf("LB", "lb", port);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 2
                && leafA.server().leafNodes().connectionCount() == 1 && leafB.server().leafNodes().connectionCount() == 1);
    }

    private static JnatsdServer leaf(String name, String user, int hubPort) throws InterruptedException {
        return JnatsdServer.builder().configString("server_name: " + name + "\nleafnodes { remotes: [ { url: \"nats://"
                + user + ":" + user + "@127.0.0.1:" + hubPort + "\" } ] }\n").start();
    }

    @AfterAll
    static void stop() {
        for (JnatsdServer server : new JnatsdServer[] {leafA, leafB, hub}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static Connection hubClient(String user) throws Exception {
        return Nats.connect(new Options.Builder().server(hub.clientUrl()).userInfo(user, user).build());
    }

    private static void awaitInterest(JnatsdServer server, String account, String subject) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                !server.server().account(account).subscriptions().match(subject).isEmpty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    /** The {@code expected} messages, then whatever else arrives within 200 ms. */
    private static java.util.List<String> drain(Subscription subscription, int expected) throws InterruptedException {
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < expected; i++) {
            Message message = subscription.nextMessage(Duration.ofSeconds(5));
            assertThat(message).as("message %d of %s", i, subscription.getSubject()).isNotNull();
            texts.add(text(message));
        }
        for (Message extra = subscription.nextMessage(Duration.ofMillis(200)); extra != null;
             extra = subscription.nextMessage(Duration.ofMillis(50))) {
            texts.add(text(extra));
        }
        return texts;
    }

    @Test
    void messagesCrossTheBoundaryInBothDirections() throws Exception {
        try (Connection onHub = hubClient("a"); Connection onLeaf = Nats.connect(leafA.clientUrl())) {
            Subscription hubSide = onHub.subscribe("to.hub.>");
            Subscription leafSide = onLeaf.subscribe("to.leaf.*");
            onHub.flush(Duration.ofSeconds(2));
            onLeaf.flush(Duration.ofSeconds(2));
            awaitInterest(leafA, "$G", "to.hub.x.y");
            awaitInterest(hub, "A", "to.leaf.x");
            for (int i = 0; i < 100; i++) {
                onLeaf.publish("to.hub.x.y", bytes("l" + i));
                onHub.publish("to.leaf.x", bytes("h" + i));
            }
            for (int i = 0; i < 100; i++) {
                Message up = hubSide.nextMessage(Duration.ofSeconds(5));
                assertThat(up).as("message %d on the hub", i).isNotNull();
                assertThat(text(up)).isEqualTo("l" + i);
                Message down = leafSide.nextMessage(Duration.ofSeconds(5));
                assertThat(down).as("message %d on the leaf", i).isNotNull();
                assertThat(text(down)).isEqualTo("h" + i);
            }
            assertThat(hubSide.nextMessage(Duration.ofMillis(100))).isNull();
            assertThat(leafSide.nextMessage(Duration.ofMillis(50))).isNull();
        }
    }

    @Test
    void requestsAreAnsweredInBothDirections() throws Exception {
        try (Connection onHub = hubClient("a"); Connection onLeaf = Nats.connect(leafA.clientUrl())) {
            Dispatcher hubService = onHub.createDispatcher(m -> onHub.publish(m.getReplyTo(), bytes("H:" + text(m))));
            hubService.subscribe("svc.hub");
            Dispatcher leafService = onLeaf.createDispatcher(m -> onLeaf.publish(m.getReplyTo(), bytes("L:" + text(m))));
            leafService.subscribe("svc.leaf");
            onHub.flush(Duration.ofSeconds(2));
            onLeaf.flush(Duration.ofSeconds(2));
            awaitInterest(leafA, "$G", "svc.hub");
            awaitInterest(hub, "A", "svc.leaf");
            for (int i = 0; i < 20; i++) {
                Message fromHub = onLeaf.request("svc.hub", bytes("q" + i), Duration.ofSeconds(5));
                assertThat(fromHub).as("reply %d from the hub", i).isNotNull();
                assertThat(text(fromHub)).isEqualTo("H:q" + i);
                Message fromLeaf = onHub.request("svc.leaf", bytes("r" + i), Duration.ofSeconds(5));
                assertThat(fromLeaf).as("reply %d from the leaf", i).isNotNull();
                assertThat(text(fromLeaf)).isEqualTo("L:r" + i);
            }
        }
    }

    @Test
    void aLeafBoundToOneAccountNeverSeesTheOther() throws Exception {
        try (Connection hubA = hubClient("a"); Connection hubB = hubClient("b");
             Connection onLeafA = Nats.connect(leafA.clientUrl()); Connection onLeafB = Nats.connect(leafB.clientUrl())) {
            Subscription inLeafA = onLeafA.subscribe("iso.>");
            Subscription inLeafB = onLeafB.subscribe("iso.>");
            Subscription inHubA = hubA.subscribe("iso.up");
            onLeafA.flush(Duration.ofSeconds(2));
            onLeafB.flush(Duration.ofSeconds(2));
            hubA.flush(Duration.ofSeconds(2));
            awaitInterest(hub, "A", "iso.b");
            awaitInterest(hub, "B", "iso.b");
            awaitInterest(leafA, "$G", "iso.up");
            hubB.publish("iso.b", bytes("for B"));
            hubA.publish("iso.a", bytes("for A"));
            onLeafB.publish("iso.up", bytes("from LB"));
            onLeafA.publish("iso.up", bytes("from LA"));
            // each leaf gets its account's message and its own publish (locally), nothing of the other
            assertThat(drain(inLeafA, 2)).containsExactlyInAnyOrder("for A", "from LA");
            assertThat(drain(inLeafB, 2)).containsExactlyInAnyOrder("for B", "from LB");
            assertThat(drain(inHubA, 1)).containsExactly("from LA");
        }
    }
}
