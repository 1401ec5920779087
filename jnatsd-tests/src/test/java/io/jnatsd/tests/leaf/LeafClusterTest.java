package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.subject.MatchResult;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A leaf that is itself a cluster (LEAFNODES.md §10): L1 and L2 form cluster LEAF, L1 has a remote
 * to H1 and L2 one to H2 of the three-server hub cluster HUB. Interest that comes from the leaf
 * cluster crosses the hub's routes tagged with its origin ({@code LS+ LEAF ...}), and messages from
 * it as {@code LMSG LEAF ...}, so nothing goes back into the leaf cluster through its other hub
 * connection: every subscriber receives each message once, wherever it was published.
 */
class LeafClusterTest {
    private static final int MESSAGES = 20;
    private static final List<JnatsdServer> servers = new ArrayList<>();
    private static JnatsdServer h1;
    private static JnatsdServer h2;
    private static JnatsdServer h3;
    private static JnatsdServer l1;
    private static JnatsdServer l2;

    @BeforeAll
    static void start() throws Exception {
        h1 = server("H1", "HUB", List.of(), "leafnodes { host: 127.0.0.1, port: -1 }");
        h2 = server("H2", "HUB", List.of(h1), "leafnodes { host: 127.0.0.1, port: -1 }");
        h3 = server("H3", "HUB", List.of(h1, h2), "");
        l1 = server("L1", "LEAF", List.of(), remoteTo(h1));
        l2 = server("L2", "LEAF", List.of(l1), remoteTo(h2));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
                h1.server().cluster().routes().size() >= 2 && h2.server().cluster().routes().size() >= 2
                        && h3.server().cluster().routes().size() >= 2 && !l1.server().cluster().routes().isEmpty()
                        && !l2.server().cluster().routes().isEmpty()
                        && h1.server().leafNodes().connectionCount() == 1 && h2.server().leafNodes().connectionCount() == 1
                        && l1.server().leafNodes().connectionCount() == 1 && l2.server().leafNodes().connectionCount() == 1);
    }

    private static String remoteTo(JnatsdServer hub) {
        return "leafnodes { remotes: [ { url: \"nats://127.0.0.1:" + hub.server().leafNodes().listenPort() + "\" } ] }";
    }

    private static JnatsdServer server(String name, String cluster, List<JnatsdServer> routes, String extra)
            throws InterruptedException {
        List<URI> urls = new ArrayList<>();
        for (JnatsdServer peer : routes) {
            urls.add(URI.create("nats-route://127.0.0.1:" + peer.server().cluster().listenPort()));
        }
        JnatsdServer.Builder builder = JnatsdServer.builder().configString("server_name: " + name + "\n" + extra + "\n");
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName(cluster).withRoutes(urls));
        JnatsdServer server = builder.start();
        servers.add(server);
        return server;
    }

    @AfterAll
    static void stop() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
    }

    private static List<JnatsdServer> all() {
        return List.of(h1, h2, h3, l1, l2);
    }

    private static String name(JnatsdServer server) {
        return server.options().serverName();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    private static MatchResult<io.jnatsd.dispatch.Subscription> match(JnatsdServer server, String subject) {
        return server.server().account("$G").subscriptions().match(subject);
    }

    /** Waits until {@code server} sees {@code members} members of the only queue group on {@code subject}. */
    private static void awaitQueueMembers(JnatsdServer server, String subject, int members) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            MatchResult<io.jnatsd.dispatch.Subscription> result = match(server, subject);
            return result.queueGroupCount() == 1 && result.queueGroup(0).size() == members;
        });
    }

    @Test
    void everySubscriberReceivesEachMessageOnceWhereverItWasPublished() throws Exception {
        Map<String, Connection> connections = new HashMap<>();
        Map<String, Subscription> subscribers = new HashMap<>();
        try {
            for (JnatsdServer server : all()) {
                Connection connection = Nats.connect(server.clientUrl());
                connections.put(name(server), connection);
                subscribers.put(name(server), connection.subscribe("once.>"));
                connection.flush(Duration.ofSeconds(2));
            }
            // interest has spread when a probe from every server reaches every subscriber
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (Connection connection : connections.values()) {
                    connection.publish("once.probe", bytes("probe"));
                    connection.flush(Duration.ofSeconds(2));
                }
                boolean complete = true;
                for (JnatsdServer server : all()) {
                    complete &= match(server, "once.probe").plainCount() >= 1;
                }
                return complete && probesReachedAll(subscribers);
            });
            for (JnatsdServer publisher : all()) {
                Connection connection = connections.get(name(publisher));
                for (int i = 0; i < MESSAGES; i++) {
                    connection.publish("once.data", bytes(name(publisher) + "-" + i));
                }
                connection.flush(Duration.ofSeconds(2));
            }
            for (Map.Entry<String, Subscription> entry : subscribers.entrySet()) {
                Map<String, Integer> seen = new HashMap<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (seen.size() < MESSAGES * all().size() && System.nanoTime() < deadline) {
                    Message message = entry.getValue().nextMessage(Duration.ofMillis(500));
                    if (message != null && message.getSubject().equals("once.data")) {
                        seen.merge(text(message), 1, Integer::sum);
                    }
                }
                // anything delivered twice arrives right behind the first copy
                Message extra;
                while ((extra = entry.getValue().nextMessage(Duration.ofMillis(300))) != null) {
                    if (extra.getSubject().equals("once.data")) {
                        seen.merge(text(extra), 1, Integer::sum);
                    }
                }
                assertThat(seen).as("messages on %s", entry.getKey()).hasSize(MESSAGES * all().size());
                assertThat(seen.values()).as("each once on %s", entry.getKey()).containsOnly(1);
            }
        } finally {
            for (Connection connection : connections.values()) {
                connection.close();
            }
        }
    }

    /** Every subscriber has a probe in its queue; the probes are consumed. */
    private static boolean probesReachedAll(Map<String, Subscription> subscribers) throws InterruptedException {
        boolean all = true;
        for (Subscription subscription : subscribers.values()) {
            boolean got = false;
            Message message;
            while ((message = subscription.nextMessage(Duration.ofMillis(50))) != null) {
                got = true;
            }
            all &= got;
        }
        return all;
    }

    @Test
    void queueMembersInThePublishersClusterWinAndMembersAcrossTheBoundaryTakeTheRest() throws Exception {
        try (Connection onL1 = Nats.connect(l1.clientUrl()); Connection onL2 = Nats.connect(l2.clientUrl());
             Connection onH1 = Nats.connect(h1.clientUrl()); Connection onH2 = Nats.connect(h2.clientUrl());
             Connection onH3 = Nats.connect(h3.clientUrl())) {
            Subscription leafMember = onL1.subscribe("qc.work", "workers");
            Subscription hubMember = onH2.subscribe("qc.work", "workers");
            onL1.flush(Duration.ofSeconds(2));
            onH2.flush(Duration.ofSeconds(2));
            awaitQueueMembers(l2, "qc.work", 2);
            awaitQueueMembers(h3, "qc.work", 2);
            for (int i = 0; i < MESSAGES; i++) {
                onL2.publish("qc.work", bytes("from leaf " + i));
                onH3.publish("qc.work", bytes("from hub " + i));
            }
            onL2.flush(Duration.ofSeconds(2));
            onH3.flush(Duration.ofSeconds(2));
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(text(leafMember.nextMessage(Duration.ofSeconds(5)))).as("the leaf cluster's member")
                        .isEqualTo("from leaf " + i);
                assertThat(text(hubMember.nextMessage(Duration.ofSeconds(5)))).as("the hub cluster's member")
                        .isEqualTo("from hub " + i);
            }
            assertThat(leafMember.nextMessage(Duration.ofMillis(200))).isNull();
            assertThat(hubMember.nextMessage(Duration.ofMillis(50))).isNull();

            hubMember.unsubscribe();
            onH2.flush(Duration.ofSeconds(2));
            awaitQueueMembers(h3, "qc.work", 1);
            for (int i = 0; i < MESSAGES; i++) {
                onH3.publish("qc.work", bytes("across " + i));
                onH1.publish("qc.work", bytes("across h1 " + i));
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 2 * MESSAGES; i++) {
                Message message = leafMember.nextMessage(Duration.ofSeconds(5));
                assertThat(message).as("work %d crosses to the only member, in the leaf cluster", i).isNotNull();
                received.add(text(message));
            }
            assertThat(received).doesNotHaveDuplicates();
            assertThat(leafMember.nextMessage(Duration.ofMillis(200))).as("each once").isNull();
        }
    }

    @Test
    void requestsCrossTheLeafClusterBoundaryBothWays() throws Exception {
        try (Connection onL1 = Nats.connect(l1.clientUrl()); Connection onL2 = Nats.connect(l2.clientUrl());
             Connection onH1 = Nats.connect(h1.clientUrl()); Connection onH3 = Nats.connect(h3.clientUrl())) {
            Dispatcher leafService = onL2.createDispatcher(m -> onL2.publish(m.getReplyTo(), bytes("L2:" + text(m))));
            leafService.subscribe("rq.leaf");
            Dispatcher hubService = onH1.createDispatcher(m -> onH1.publish(m.getReplyTo(), bytes("H1:" + text(m))));
            hubService.subscribe("rq.hub");
            onL2.flush(Duration.ofSeconds(2));
            onH1.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                    !match(h3, "rq.leaf").isEmpty() && !match(l1, "rq.hub").isEmpty() && !match(l1, "rq.leaf").isEmpty());
            for (int i = 0; i < 10; i++) {
                Message fromLeaf = onH3.request("rq.leaf", bytes("a" + i), Duration.ofSeconds(5));
                assertThat(fromLeaf).as("reply %d from the leaf cluster", i).isNotNull();
                assertThat(text(fromLeaf)).isEqualTo("L2:a" + i);
                Message fromHub = onL1.request("rq.hub", bytes("b" + i), Duration.ofSeconds(5));
                assertThat(fromHub).as("reply %d from the hub cluster", i).isNotNull();
                assertThat(text(fromHub)).isEqualTo("H1:b" + i);
                Message inside = onL1.request("rq.leaf", bytes("c" + i), Duration.ofSeconds(5));
                assertThat(inside).as("reply %d inside the leaf cluster", i).isNotNull();
                assertThat(text(inside)).isEqualTo("L2:c" + i);
            }
        }
    }
}
