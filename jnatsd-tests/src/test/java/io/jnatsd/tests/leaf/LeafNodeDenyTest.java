package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A remote's deny rules (LEAFNODES.md §8.4): with {@code deny_imports: secret.>} the leaf sends no
 * interest in those subjects and tells the hub in its CONNECT ({@code deny_pub}), so the hub sends
 * it none of them even for a broader subscription; with {@code deny_exports: private.>} the leaf
 * sends none of its own messages on those subjects to the hub, while local delivery and interest
 * in them stay as they are.
 */
class LeafNodeDenyTest {
    private static JnatsdServer hub;
    private static JnatsdServer leaf;

    @BeforeAll
    static void start() throws Exception {
        hub = JnatsdServer.builder().configString("server_name: DH\nleafnodes { host: 127.0.0.1, port: -1 }\n").start();
        leaf = JnatsdServer.builder().configString("server_name: DL\nleafnodes { remotes: [ { url: \"nats://127.0.0.1:"
                + hub.server().leafNodes().listenPort()
                + "\", deny_imports: [\"secret.>\"], deny_exports: \"private.>\" } ] }\n").start();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 1
                && leaf.server().leafNodes().connectionCount() == 1);
    }

    @AfterAll
    static void stop() {
        for (JnatsdServer server : new JnatsdServer[] {leaf, hub}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static boolean interest(JnatsdServer server, String subject) {
        return !server.server().account("$G").subscriptions().match(subject).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void deniedImportsAreNeitherAskedForNorSent() throws Exception {
        try (Connection onHub = Nats.connect(hub.clientUrl()); Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            Subscription secret = onLeaf.subscribe("secret.a");
            Subscription everything = onLeaf.subscribe("imp.>");
            Subscription all = onLeaf.subscribe(">");
            onLeaf.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                    interest(hub, "imp.x") && interest(hub, "anything"));
            assertThat(hub.server().account("$G").subscriptions().match("secret.a").plainCount())
                    .as("only the leaf's '>' matches secret.a on the hub, no LS+ secret.a").isEqualTo(1);
            onHub.publish("secret.a", bytes("hidden"));
            onHub.publish("imp.x", bytes("shown"));
            onHub.flush(Duration.ofSeconds(2));
            assertThat(text(everything.nextMessage(Duration.ofSeconds(5)))).isEqualTo("shown");
            assertThat(text(all.nextMessage(Duration.ofSeconds(5)))).isEqualTo("shown");
            assertThat(secret.nextMessage(Duration.ofMillis(300))).as("the hub never sends secret.a").isNull();
            assertThat(all.nextMessage(Duration.ofMillis(50))).isNull();

            // what the hub may not send, the leaf may still publish to the hub
            Subscription atHub = onHub.subscribe("secret.>");
            onHub.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                    leaf.server().account("$G").subscriptions().match("secret.b").plainCount() >= 2);
            onLeaf.publish("secret.b", bytes("up"));
            assertThat(text(atHub.nextMessage(Duration.ofSeconds(5)))).isEqualTo("up");
        }
    }

    @Test
    void deniedExportsStayOnTheLeaf() throws Exception {
        try (Connection onHub = Nats.connect(hub.clientUrl()); Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            Subscription atHub = onHub.subscribe("private.>");
            Subscription marker = onHub.subscribe("exp.marker");
            Subscription local = onLeaf.subscribe("private.b");
            onHub.flush(Duration.ofSeconds(2));
            onLeaf.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                    interest(leaf, "exp.marker") && interest(leaf, "private.x") && interest(hub, "private.b"));
            onLeaf.publish("private.b", bytes("stays"));
            onLeaf.publish("exp.marker", bytes("after"));
            assertThat(text(local.nextMessage(Duration.ofSeconds(5)))).isEqualTo("stays");
            assertThat(text(marker.nextMessage(Duration.ofSeconds(5)))).as("sent after the denied one").isEqualTo("after");
            assertThat(atHub.nextMessage(Duration.ofMillis(200))).as("private.b never left the leaf").isNull();

            // the leaf's interest in private.b still went up: the hub's messages come down
            onHub.publish("private.b", bytes("down"));
            assertThat(text(local.nextMessage(Duration.ofSeconds(5)))).isEqualTo("down");
        }
    }
}
