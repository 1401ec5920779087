package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.leaf.LeafView;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A remote with {@code hub: true} (LEAFNODES.md §1, §4): X dials Y but is the hub; Y, told so by the
 * CONNECT's {@code is_hub}, is the spoke. X is clustered with Z and Y with W. As a hub X offers Y
 * everything of its cluster and forwards Y's interest to Z; as a spoke Y announces only its own
 * clients' interest, never W's (route interest of its cluster).
 */
class LeafNodeHubModeTest {
    private static JnatsdServer x;
    private static JnatsdServer z;
    private static JnatsdServer y;
    private static JnatsdServer w;

    @BeforeAll
    static void start() throws Exception {
        y = server("Y", "YC", "leafnodes { host: 127.0.0.1, port: -1 }\n", List.of());
        w = server("W", "YC", "", List.of(routeTo(y)));
        x = server("X", "XC", "leafnodes { remotes: [ { url: \"nats://127.0.0.1:"
                + y.server().leafNodes().listenPort() + "\", hub: true } ] }\n", List.of());
        z = server("Z", "XC", "", List.of(routeTo(x)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !x.server().cluster().routes().isEmpty()
                && !z.server().cluster().routes().isEmpty() && !y.server().cluster().routes().isEmpty()
                && !w.server().cluster().routes().isEmpty()
                && x.server().leafNodes().connectionCount() == 1 && y.server().leafNodes().connectionCount() == 1);
    }

    private static URI routeTo(JnatsdServer peer) {
        return URI.create("nats-route://127.0.0.1:" + peer.server().cluster().listenPort());
    }

    private static JnatsdServer server(String name, String cluster, String leafnodes, List<URI> routes)
            throws InterruptedException {
        JnatsdServer.Builder builder = JnatsdServer.builder().configString("server_name: " + name + "\n" + leafnodes);
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName(cluster).withRoutes(routes));
        return builder.start();
    }

    @AfterAll
    static void stop() {
        for (JnatsdServer server : new JnatsdServer[] {z, x, w, y}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static boolean interest(JnatsdServer server, String subject) {
        return !server.server().account("$G").subscriptions().match(subject).isEmpty();
    }

    private static void awaitInterest(JnatsdServer server, String subject) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> interest(server, subject));
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void theDialerIsTheHubAndTheAcceptorTheSpoke() {
        LeafView atX = x.server().leafNodes().views().get(0);
        LeafView atY = y.server().leafNodes().views().get(0);
        assertThat(atX.spoke()).as("X dialed with hub: true").isFalse();
        assertThat(atY.spoke()).as("Y accepted a CONNECT with is_hub").isTrue();
        assertThat(atX.name()).isEqualTo("Y");
        assertThat(atY.name()).isEqualTo("X");
    }

    @Test
    void messagesAndRequestsFlowBothWaysAndTheHubForwardsTheSpokesInterest() throws Exception {
        try (Connection onX = Nats.connect(x.clientUrl()); Connection onZ = Nats.connect(z.clientUrl());
             Connection onY = Nats.connect(y.clientUrl())) {
            Subscription atZ = onZ.subscribe("hm.up");
            Subscription atY = onY.subscribe("hm.down");
            Dispatcher serviceOnY = onY.createDispatcher(m -> onY.publish(m.getReplyTo(), m.getData()));
            serviceOnY.subscribe("hm.svc.y");
            Dispatcher serviceOnX = onX.createDispatcher(m -> onX.publish(m.getReplyTo(), m.getData()));
            serviceOnX.subscribe("hm.svc.x");
            onZ.flush(Duration.ofSeconds(2));
            onY.flush(Duration.ofSeconds(2));
            onX.flush(Duration.ofSeconds(2));
            awaitInterest(y, "hm.up");       // the hub offers its cluster's interest (Z's, via the route)
            awaitInterest(z, "hm.down");     // and forwards the spoke's over its route
            awaitInterest(z, "hm.svc.y");
            awaitInterest(y, "hm.svc.x");
            for (int i = 0; i < 50; i++) {
                onY.publish("hm.up", ("u" + i).getBytes(StandardCharsets.UTF_8));
                onZ.publish("hm.down", ("d" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(text(atZ.nextMessage(Duration.ofSeconds(5)))).isEqualTo("u" + i);
                assertThat(text(atY.nextMessage(Duration.ofSeconds(5)))).isEqualTo("d" + i);
            }
            assertThat(atZ.nextMessage(Duration.ofMillis(200))).as("delivered once").isNull();
            assertThat(atY.nextMessage(Duration.ofMillis(50))).as("delivered once").isNull();
            for (int i = 0; i < 10; i++) {
                Message fromZ = onZ.request("hm.svc.y", ("r" + i).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
                assertThat(fromZ).as("request from the hub cluster %d", i).isNotNull();
                assertThat(text(fromZ)).isEqualTo("r" + i);
                Message fromY = onY.request("hm.svc.x", ("q" + i).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
                assertThat(fromY).as("request from the spoke %d", i).isNotNull();
                assertThat(text(fromY)).isEqualTo("q" + i);
            }
        }
    }

    @Test
    void theSpokeAnnouncesOnlyItsOwnClientsInterest() throws Exception {
        try (Connection onW = Nats.connect(w.clientUrl()); Connection onY = Nats.connect(y.clientUrl())) {
            onW.subscribe("hm.cluster");
            onW.flush(Duration.ofSeconds(2));
            awaitInterest(y, "hm.cluster");   // W's interest reached Y over the route
            onY.subscribe("hm.local");
            onY.flush(Duration.ofSeconds(2));
            awaitInterest(x, "hm.local");
            // Y's own subscription crossed after W's was known there: W's would have gone first
            assertThat(interest(x, "hm.cluster")).as("a spoke does not announce its cluster's route interest").isFalse();
            assertThat(interest(z, "hm.cluster")).isFalse();
        }
    }
}
