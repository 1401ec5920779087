package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
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
 * The leaf user's permissions on the hub (LEAFNODES.md §4, §8.4): without leafnode authorization
 * the leaf authenticates as a client user, here one that may publish {@code up.>} and subscribe to
 * {@code down.>}. The hub applies them swapped (it sends the leaf only what the user may receive
 * and announces only what the user may publish) and hands them to the spoke in INFO #2, which
 * then sends only interest and messages the user is allowed.
 */
class LeafNodePermissionsTest {
    private static JnatsdServer hub;
    private static JnatsdServer leaf;

    @BeforeAll
    static void start() throws Exception {
        hub = JnatsdServer.builder().configString("""
                server_name: PH
                authorization { users: [
                  { user: lu, password: lp, permissions: { publish: "up.>", subscribe: "down.>" } }
                  { user: c, password: c }
                ] }
                leafnodes { host: 127.0.0.1, port: -1 }
                """).start();
        leaf = JnatsdServer.builder().configString("server_name: PL\nleafnodes { remotes: [ { url: \"nats://lu:lp@127.0.0.1:"
                + hub.server().leafNodes().listenPort() + "\" } ] }\n").start();
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

    private static int interest(JnatsdServer server, String subject) {
        return server.server().account("$G").subscriptions().match(subject).plainCount();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void onlyWhatTheLeafUserMayDoCrosses() throws Exception {
        Options hubClient = new Options.Builder().server(hub.clientUrl()).userInfo("c", "c").build();
        try (Connection onHub = Nats.connect(hubClient); Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            Subscription down = onLeaf.subscribe("down.x");
            Subscription other = onLeaf.subscribe("other.x");
            Subscription wide = onLeaf.subscribe("wide.>");
            Subscription up = onHub.subscribe("up.>");
            Subscription nope = onHub.subscribe("nope.>");
            onLeaf.flush(Duration.ofSeconds(2));
            onHub.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                    interest(hub, "down.x") == 1 && interest(leaf, "up.z") == 1);
            assertThat(interest(hub, "other.x")).as("no LS+ the user may not subscribe to").isZero();
            assertThat(interest(hub, "wide.q")).as("nor one only partly inside it").isZero();
            assertThat(interest(leaf, "nope.z")).as("the hub announces only what the user may publish").isZero();
            assertThat(hub.server().leafNodes().connectionCount()).as("no permission violation").isEqualTo(1);

            onHub.publish("other.x", bytes("not for the leaf"));
            onHub.publish("down.x", bytes("down"));
            assertThat(text(down.nextMessage(Duration.ofSeconds(5)))).isEqualTo("down");
            onLeaf.publish("nope.z", bytes("not for the hub"));
            onLeaf.publish("up.z", bytes("up"));
            assertThat(text(up.nextMessage(Duration.ofSeconds(5)))).isEqualTo("up");
            assertThat(other.nextMessage(Duration.ofMillis(200))).isNull();
            assertThat(nope.nextMessage(Duration.ofMillis(50))).isNull();
            assertThat(wide.nextMessage(Duration.ofMillis(50))).isNull();
        }
    }
}
