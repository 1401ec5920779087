package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
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
 * A leaf L on H1 of the two-server hub cluster H1-H2 (DESIGN.md's hop table, LEAFNODES.md §9): a
 * message from the leaf reaches H2's clients over the route, a message routed from H2 reaches the
 * leaf, requests cross both hops, and queue members in the hub cluster win over the leaf's.
 */
class LeafNodeHubClusterTest {
    private static JnatsdServer h1;
    private static JnatsdServer h2;
    private static JnatsdServer leaf;

    @BeforeAll
    static void start() throws Exception {
        h1 = hub("H1", List.of());
        h2 = hub("H2", List.of(URI.create("nats-route://127.0.0.1:" + h1.server().cluster().listenPort())));
        leaf = JnatsdServer.builder().configString("server_name: L\nleafnodes { remotes: [ { url: \"nats://127.0.0.1:"
                + h1.server().leafNodes().listenPort() + "\" } ] }\n").start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !h1.server().cluster().routes().isEmpty()
                && !h2.server().cluster().routes().isEmpty() && h1.server().leafNodes().connectionCount() == 1);
    }

    private static JnatsdServer hub(String name, List<URI> routes) throws InterruptedException {
        JnatsdServer.Builder builder = JnatsdServer.builder().configString(
                "server_name: " + name + "\nleafnodes { host: 127.0.0.1, port: -1 }\n");
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("HUB").withRoutes(routes));
        return builder.start();
    }

    @AfterAll
    static void stop() {
        for (JnatsdServer server : new JnatsdServer[] {leaf, h2, h1}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static void awaitInterest(JnatsdServer server, String subject) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                !server.server().account("$G").subscriptions().match(subject).isEmpty());
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void messagesAndRequestsCrossTheLeafAndTheRoute() throws Exception {
        try (Connection onH2 = Nats.connect(h2.clientUrl()); Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            Subscription atH2 = onH2.subscribe("far.up");
            Subscription atLeaf = onLeaf.subscribe("far.down");
            Dispatcher service = onLeaf.createDispatcher(m -> onLeaf.publish(m.getReplyTo(), m.getData()));
            service.subscribe("far.svc");
            onH2.flush(Duration.ofSeconds(2));
            onLeaf.flush(Duration.ofSeconds(2));
            awaitInterest(leaf, "far.up");
            awaitInterest(h2, "far.down");
            awaitInterest(h2, "far.svc");
            for (int i = 0; i < 50; i++) {
                onLeaf.publish("far.up", ("u" + i).getBytes(StandardCharsets.UTF_8));
                onH2.publish("far.down", ("d" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(text(atH2.nextMessage(Duration.ofSeconds(5)))).isEqualTo("u" + i);
                assertThat(text(atLeaf.nextMessage(Duration.ofSeconds(5)))).isEqualTo("d" + i);
            }
            assertThat(atH2.nextMessage(Duration.ofMillis(200))).as("delivered once").isNull();
            assertThat(atLeaf.nextMessage(Duration.ofMillis(50))).as("delivered once").isNull();
            for (int i = 0; i < 10; i++) {
                Message reply = onH2.request("far.svc", ("r" + i).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
                assertThat(reply).as("reply %d", i).isNotNull();
                assertThat(text(reply)).isEqualTo("r" + i);
            }
        }
    }

    @Test
    void queueMembersInTheHubClusterWinOverTheLeafs() throws Exception {
        try (Connection onH1 = Nats.connect(h1.clientUrl()); Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            Subscription hubMember = onH1.subscribe("work.q", "workers");
            Subscription leafMember = onLeaf.subscribe("work.q", "workers");
            onH1.flush(Duration.ofSeconds(2));
            onLeaf.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                    h1.server().account("$G").subscriptions().match("work.q").queueGroupCount() == 1
                            && h1.server().account("$G").subscriptions().match("work.q").queueGroup(0).size() == 2);
            for (int i = 0; i < 20; i++) {
                onH1.publish("work.q", ("w" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(hubMember.nextMessage(Duration.ofSeconds(5))).as("work %d on the hub", i).isNotNull();
            }
            assertThat(leafMember.nextMessage(Duration.ofMillis(200))).isNull();
            hubMember.unsubscribe();
            onH1.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                    h1.server().account("$G").subscriptions().match("work.q").queueGroup(0).size() == 1);
            onH1.publish("work.q", "to the leaf".getBytes(StandardCharsets.UTF_8));
            Message crossed = leafMember.nextMessage(Duration.ofSeconds(5));
            assertThat(crossed).as("the leaf member takes it once none is left in the hub").isNotNull();
            assertThat(text(crossed)).isEqualTo("to the leaf");
        }
    }
}
