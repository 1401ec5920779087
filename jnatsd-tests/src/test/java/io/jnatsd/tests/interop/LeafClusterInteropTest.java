package io.jnatsd.tests.interop;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A mixed leaf cluster on a mixed hub cluster (LEAFNODES.md §10, ROUTES.md §5.4): hub cluster HUB is
 * the Go server GH and the jnatsd server JH (route JH to GH); leaf cluster LEAF is the Go server GL
 * and the jnatsd server JL (route JL to GL). GL's remote goes to JH and JL's to GH, so leaf-origin
 * interest and messages cross a Go-jnatsd route in both directions on each side. A message
 * published on any server reaches every subscriber once, requests and queue groups cross the
 * boundary, and the Go servers log no error. Run against 2.10 here and 2.9 in
 * {@link LeafClusterInterop29Test}; skipped without the binary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeafClusterInteropTest {
    private static final int MESSAGES = 20;
    private GoServer goHub;
    private GoServer goLeaf;
    private JnatsdServer jnatsdHub;
    private JnatsdServer jnatsdLeaf;

    String goVersion() {
        return "NATS_SERVER_210";
    }

    @BeforeAll
    void start() throws Exception {
        GoServer.binary(goVersion());
        int goHubLeafPort = GoServer.freePort();
        goHub = GoServer.start(goVersion(), "GH", "HUB", List.of(), "",
                "leafnodes { listen: \"127.0.0.1:" + goHubLeafPort + "\" }");
        jnatsdHub = jnatsd("JH", "HUB", goHub.clusterPort, "leafnodes { host: 127.0.0.1, port: -1 }");
        jnatsdLeaf = jnatsd("JL", "LEAF", 0, "leafnodes { remotes: [ { url: \"nats://127.0.0.1:" + goHubLeafPort
                + "\" } ] }");
        goLeaf = GoServer.start(goVersion(), "GL", "LEAF", List.of(jnatsdLeaf.server().cluster().listenPort()), "",
                "leafnodes { remotes: [ { url: \"nats://127.0.0.1:" + jnatsdHub.server().leafNodes().listenPort()
                        + "\" } ] }");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(jnatsdHub.server().cluster().routes()).as("JH's routes").isNotEmpty();
            assertThat(jnatsdLeaf.server().cluster().routes()).as("JL's routes").isNotEmpty();
            assertThat(jnatsdHub.server().leafNodes().connectionCount()).as("leafs of JH").isEqualTo(1);
            assertThat(jnatsdLeaf.server().leafNodes().connectionCount()).as("hubs of JL").isEqualTo(1);
            assertThat(goHub.monitor("leafz").path("leafnodes").asInt()).as("leafs of GH").isEqualTo(1);
            assertThat(goLeaf.monitor("leafz").path("leafnodes").asInt()).as("hubs of GL").isEqualTo(1);
        });
    }

    private static JnatsdServer jnatsd(String name, String cluster, int routePort, String extra)
            throws InterruptedException {
        JnatsdServer.Builder builder = JnatsdServer.builder().configString("server_name: " + name + "\n" + extra + "\n");
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName(cluster).withRoutes(
                routePort == 0 ? List.of() : List.of(URI.create("nats-route://127.0.0.1:" + routePort))));
        return builder.start();
    }

    @AfterAll
    void stop() throws Exception {
        for (JnatsdServer server : new JnatsdServer[] {jnatsdLeaf, jnatsdHub}) {
            if (server != null) {
                server.close();
            }
        }
        for (GoServer server : new GoServer[] {goLeaf, goHub}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("GH", goHub.clientUrl());
        urls.put("JH", jnatsdHub.clientUrl());
        urls.put("GL", goLeaf.clientUrl());
        urls.put("JL", jnatsdLeaf.clientUrl());
        return urls;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void everySubscriberReceivesEachMessageOnce() throws Exception {
        Map<String, Connection> connections = new LinkedHashMap<>();
        Map<String, Subscription> subscribers = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> url : urls().entrySet()) {
                Connection connection = Nats.connect(url.getValue());
                connections.put(url.getKey(), connection);
                subscribers.put(url.getKey(), connection.subscribe("mix.>"));
                connection.flush(Duration.ofSeconds(2));
            }
            // interest has spread when a round of probes from every server reaches every subscriber
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (Connection connection : connections.values()) {
                    connection.publish("mix.probe", bytes("probe"));
                    connection.flush(Duration.ofSeconds(2));
                }
                boolean all = true;
                for (Subscription subscription : subscribers.values()) {
                    int probes = 0;
                    while (subscription.nextMessage(Duration.ofMillis(50)) != null) {
                        probes++;
                    }
                    all &= probes >= connections.size();
                }
                return all;
            });
            for (Map.Entry<String, Connection> publisher : connections.entrySet()) {
                for (int i = 0; i < MESSAGES; i++) {
                    publisher.getValue().publish("mix.data", bytes(publisher.getKey() + "-" + i));
                }
                publisher.getValue().flush(Duration.ofSeconds(2));
            }
            for (Map.Entry<String, Subscription> entry : subscribers.entrySet()) {
                Map<String, Integer> seen = new LinkedHashMap<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (seen.size() < MESSAGES * connections.size() && System.nanoTime() < deadline) {
                    count(seen, entry.getValue().nextMessage(Duration.ofMillis(500)));
                }
                // anything delivered twice arrives right behind the first copy
                Message extra;
                while ((extra = entry.getValue().nextMessage(Duration.ofMillis(300))) != null) {
                    count(seen, extra);
                }
                assertThat(seen).as("messages on %s", entry.getKey()).hasSize(MESSAGES * connections.size());
                assertThat(seen.values()).as("each once on %s: %s", entry.getKey(), seen).containsOnly(1);
            }
        } finally {
            for (Connection connection : connections.values()) {
                connection.close();
            }
        }
        assertThat(goHub.protocolErrors()).as("errors in GH's log").isEmpty();
        assertThat(goLeaf.protocolErrors()).as("errors in GL's log").isEmpty();
    }

    @Test
    void requestsAndQueueGroupsCrossTheBoundary() throws Exception {
        Map<String, String> urls = urls();
        try (Connection onGh = Nats.connect(urls.get("GH")); Connection onJh = Nats.connect(urls.get("JH"));
             Connection onGl = Nats.connect(urls.get("GL")); Connection onJl = Nats.connect(urls.get("JL"))) {
            Dispatcher leafService = onJl.createDispatcher(m -> onJl.publish(m.getReplyTo(), bytes("JL:" + text(m))));
            leafService.subscribe("mixrq.leaf");
            Dispatcher hubService = onGh.createDispatcher(m -> onGh.publish(m.getReplyTo(), bytes("GH:" + text(m))));
            hubService.subscribe("mixrq.hub");
            onJl.flush(Duration.ofSeconds(2));
            onGh.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                    !jnatsdHub.server().account("$G").subscriptions().match("mixrq.leaf").isEmpty()
                            && !jnatsdLeaf.server().account("$G").subscriptions().match("mixrq.hub").isEmpty());
            for (int i = 0; i < 5; i++) {
                assertThat(reply(onJh, "mixrq.leaf", "a" + i)).isEqualTo("JL:a" + i);
                assertThat(reply(onGl, "mixrq.hub", "b" + i)).isEqualTo("GH:b" + i);
                assertThat(reply(onGl, "mixrq.leaf", "c" + i)).isEqualTo("JL:c" + i);
            }

            // members in the publisher's own cluster win; the other cluster's only when none is left.
            // JH's own member is announced to GH before the leaf cluster's: a 2.9 route keys interest
            // without its leaf origin, so the first of the two on one subject and queue names both.
            Subscription hubMember = onJh.subscribe("mixq.work", "workers");
            onJh.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                    members(jnatsdLeaf, "mixq.work") == 1);
            Subscription leafMember = onGl.subscribe("mixq.work", "workers");
            onGl.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                assertThat(members(jnatsdLeaf, "mixq.work")).as("JL: %s", describe(jnatsdLeaf, "mixq.work")).isEqualTo(2);
                assertThat(members(jnatsdHub, "mixq.work")).as("JH: %s", describe(jnatsdHub, "mixq.work")).isEqualTo(2);
            });
            for (int i = 0; i < MESSAGES; i++) {
                onJl.publish("mixq.work", bytes("leaf " + i));
                onJh.publish("mixq.work", bytes("hub " + i));
            }
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(text(leafMember.nextMessage(Duration.ofSeconds(5)))).isEqualTo("leaf " + i);
                assertThat(text(hubMember.nextMessage(Duration.ofSeconds(5)))).isEqualTo("hub " + i);
            }
            hubMember.unsubscribe();
            onJh.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                    members(jnatsdHub, "mixq.work") == 1);
            for (int i = 0; i < MESSAGES; i++) {
                onJh.publish("mixq.work", bytes("across " + i));
            }
            for (int i = 0; i < MESSAGES; i++) {
                Message message = leafMember.nextMessage(Duration.ofSeconds(5));
                assertThat(message).as("work %d crosses to the leaf cluster's member", i).isNotNull();
                assertThat(text(message)).isEqualTo("across " + i);
            }
            assertThat(leafMember.nextMessage(Duration.ofMillis(300))).as("each once").isNull();
        }
        assertThat(goHub.protocolErrors()).as("errors in GH's log").isEmpty();
        assertThat(goLeaf.protocolErrors()).as("errors in GL's log").isEmpty();
    }

    private static void count(Map<String, Integer> seen, Message message) {
        if (message != null && message.getSubject().equals("mix.data")) {
            seen.merge(text(message), 1, Integer::sum);
        }
    }

    private static String describe(JnatsdServer server, String subject) {
        var result = server.server().account("$G").subscriptions().match(subject);
        StringBuilder text = new StringBuilder();
        for (int g = 0; g < result.queueGroupCount(); g++) {
            for (int m = 0; m < result.queueGroup(g).size(); m++) {
                var member = result.queueGroup(g).member(m);
                text.append(member.route() == null ? "local" : member.route().getClass().getSimpleName()
                        + "/" + member.origin() + "/" + member.weight()).append(' ');
            }
        }
        return text.toString();
    }

    private static int members(JnatsdServer server, String subject) {
        var result = server.server().account("$G").subscriptions().match(subject);
        return result.queueGroupCount() == 0 ? 0 : result.queueGroup(0).size();
    }

    private static String reply(Connection connection, String subject, String body) throws Exception {
        Message reply = connection.request(subject, bytes(body), Duration.ofSeconds(5));
        assertThat(reply).as("reply to %s on %s", body, subject).isNotNull();
        return text(reply);
    }
}
