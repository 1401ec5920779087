package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Remote deny rules across implementations (LEAFNODES.md §8.4): a jnatsd leaf with
 * {@code deny_imports}/{@code deny_exports} on a nats-server 2.10 hub, and a Go leaf with the same
 * rules on a jnatsd hub. The hub honours the leaf's {@code deny_pub} (its deny_imports) even for a
 * subscription to {@code >}, and the leaf keeps its denied exports. Skipped without
 * {@code NATS_SERVER_210}.
 */
class LeafDenyInteropTest {
    private static final String DENY = "deny_imports: [\"secret.>\"], deny_exports: [\"private.>\"]";
    private static GoServer goHub;
    private static GoServer goLeaf;
    private static JnatsdServer jnatsdHub;
    private static JnatsdServer jnatsdLeaf;

    @BeforeAll
    static void start() throws Exception {
        GoServer.binary("NATS_SERVER_210");
        int goHubLeafPort = GoServer.freePort();
        goHub = GoServer.start("NATS_SERVER_210", "DGH", "DGHC", List.of(), "",
                "leafnodes { listen: \"127.0.0.1:" + goHubLeafPort + "\" }");
        jnatsdLeaf = JnatsdServer.builder().configString("server_name: DJL\nleafnodes { remotes: [ { url: "
                + "\"nats://127.0.0.1:" + goHubLeafPort + "\", " + DENY + " } ] }\n").start();
        jnatsdHub = JnatsdServer.builder().configString("server_name: DJH\nleafnodes { host: 127.0.0.1, port: -1 }\n")
                .start();
        goLeaf = GoServer.start("NATS_SERVER_210", "DGL", "DGLC", List.of(), "", "leafnodes { remotes: [ { url: "
                + "\"nats://127.0.0.1:" + jnatsdHub.server().leafNodes().listenPort() + "\", " + DENY + " } ] }");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(jnatsdHub.server().leafNodes().connectionCount()).isEqualTo(1);
            assertThat(jnatsdLeaf.server().leafNodes().connectionCount()).isEqualTo(1);
        });
    }

    @AfterAll
    static void stop() throws Exception {
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    /**
     * On the leaf a subscription to everything; on the hub one to the leaf's denied exports. The hub
     * publishes a denied and an allowed subject, the leaf a denied export and then an allowed one;
     * the first message to arrive after a denied one proves the denied one is not just late.
     */
    private static void denyRulesHold(String hubUrl, String leafUrl, Runnable awaitInterest) throws Exception {
        try (Connection onHub = Nats.connect(hubUrl); Connection onLeaf = Nats.connect(leafUrl)) {
            Subscription everything = onLeaf.subscribe(">");
            Subscription atHub = onHub.subscribe("private.>");
            Subscription upMarker = onHub.subscribe("up.marker");
            onLeaf.flush(Duration.ofSeconds(2));
            onHub.flush(Duration.ofSeconds(2));
            awaitInterest.run();
            onHub.publish("secret.a", bytes("hidden"));
            onHub.publish("down.marker", bytes("down"));
            onHub.flush(Duration.ofSeconds(2));
            Message first = everything.nextMessage(Duration.ofSeconds(5));
            assertThat(first).isNotNull();
            assertThat(text(first)).as("secret.a never reaches the leaf").isEqualTo("down");
            onLeaf.publish("private.b", bytes("stays"));
            onLeaf.publish("up.marker", bytes("up"));
            onLeaf.flush(Duration.ofSeconds(2));
            assertThat(text(upMarker.nextMessage(Duration.ofSeconds(5)))).isEqualTo("up");
            assertThat(atHub.nextMessage(Duration.ofMillis(200))).as("private.b never leaves the leaf").isNull();
        }
    }

    @Test
    void aGoHubHonoursTheDenyRulesOfAJnatsdLeaf() throws Exception {
        denyRulesHold(goHub.clientUrl(), jnatsdLeaf.clientUrl(), () ->
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                        jnatsdLeaf.server().account("$G").subscriptions().match("up.marker").plainCount() >= 2
                                && goHasLeafInterest(">")));
        assertThat(goHub.protocolErrors()).isEmpty();
    }

    @Test
    void aJnatsdHubHonoursTheDenyRulesOfAGoLeaf() throws Exception {
        denyRulesHold(jnatsdHub.clientUrl(), goLeaf.clientUrl(), () ->
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                        jnatsdHub.server().account("$G").subscriptions().match("down.marker").plainCount() >= 1
                                && goLeafHasHubInterest("up.marker")));
        assertThat(goLeaf.protocolErrors()).isEmpty();
    }

    private static boolean goHasLeafInterest(String subject) throws Exception {
        for (var leaf : goHub.monitor("leafz?subs=1").path("leafs")) {
            for (var sub : leaf.path("subscriptions_list")) {
                if (sub.asText().equals(subject)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean goLeafHasHubInterest(String subject) throws Exception {
        for (var leaf : goLeaf.monitor("leafz?subs=1").path("leafs")) {
            for (var sub : leaf.path("subscriptions_list")) {
                if (sub.asText().equals(subject)) {
                    return true;
                }
            }
        }
        return false;
    }
}
