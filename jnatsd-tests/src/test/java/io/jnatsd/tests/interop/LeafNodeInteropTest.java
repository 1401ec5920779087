package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Leaf nodes between jnatsd and nats-server (LEAFNODES.md): a Go leaf {@code GL} dials the
 * jnatsd hub {@code JH} (bound to account A there), and the jnatsd leaf {@code JL} dials the Go
 * hub {@code GH} (bound to account HA there). Messages and requests cross both ways and the Go
 * servers log no error. Run against 2.10 and 2.9 (no compression negotiation, no {@code lnocu}, a
 * CONNECT without {@code remote_account}), each skipped without its {@code NATS_SERVER_*} variable;
 * {@link LeafWebsocketInteropTest} runs the same with every leaf connection over {@code ws://}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeafNodeInteropTest {
    private JnatsdServer jnatsdHub;
    private JnatsdServer jnatsdLeaf;
    private GoServer goLeaf;
    private GoServer goHub;

    /** The environment variable naming the Go binary; {@link LeafNodeInterop29Test} runs the same with 2.9. */
    String goVersion() {
        return "NATS_SERVER_210";
    }

    /** Whether the leafs dial the hubs' websocket listeners ({@code ws://}) instead of their leaf ports. */
    boolean websocket() {
        return false;
    }

    /** Added to each remote when {@link #websocket()} (e.g. {@code ws_compression}). */
    String websocketRemoteOptions() {
        return "";
    }

    private String remote(String user, int leafPort, int websocketPort) {
        return websocket()
                ? "{ url: \"ws://" + user + ":" + user + "@127.0.0.1:" + websocketPort + "\""
                        + (websocketRemoteOptions().isEmpty() ? "" : ", " + websocketRemoteOptions()) + " }"
                : "{ url: \"nats://" + user + ":" + user + "@127.0.0.1:" + leafPort + "\" }";
    }

    @BeforeAll
    void start() throws Exception {
        GoServer.binary(goVersion());
        jnatsdHub = JnatsdServer.builder().configString("""
                server_name: JH
                accounts { A { users: [ {user: a, password: a} ] } }
                leafnodes {
                  host: 127.0.0.1
                  port: -1
                  authorization { users: [ {user: gl, password: gl, account: A} ] }
                }
                """ + (websocket() ? "websocket { host: 127.0.0.1, port: -1, no_tls: true, compression: true }\n" : ""))
                .start();
        goLeaf = GoServer.start(goVersion(), "GL", "GLC", List.of(), "", "leafnodes { remotes: [ "
                + remote("gl", jnatsdHub.server().leafNodes().listenPort(),
                        websocket() ? jnatsdHub.server().websocketPort() : 0) + " ] }");
        int goHubLeafPort = GoServer.freePort();
        int goHubWebsocketPort = websocket() ? GoServer.freePort() : 0;
        goHub = GoServer.start(goVersion(), "GH", "GHC", List.of(), "",
                "accounts { HA { users: [ {user: h, password: h} ] } }\n"
                        + "leafnodes { listen: \"127.0.0.1:" + goHubLeafPort + "\", authorization { users: [ "
                        + "{user: jl, password: jl, account: HA} ] } }\n"
                        + (websocket() ? "websocket { listen: \"127.0.0.1:" + goHubWebsocketPort
                                + "\", no_tls: true, compression: true }" : ""));
        jnatsdLeaf = JnatsdServer.builder().configString("server_name: JL\nleafnodes { remotes: [ "
                + remote("jl", goHubLeafPort, goHubWebsocketPort) + " ] }\n").start();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(jnatsdHub.server().leafNodes().connectionCount()).as("leafs of JH").isEqualTo(1);
            assertThat(jnatsdLeaf.server().leafNodes().connectionCount()).as("hubs of JL").isEqualTo(1);
            assertThat(goLeaf.monitor("leafz").path("leafnodes").asInt()).as("hubs of GL").isEqualTo(1);
            assertThat(goHub.monitor("leafz").path("leafnodes").asInt()).as("leafs of GH").isEqualTo(1);
        });
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

    private static Connection connect(String url, String user) throws Exception {
        Options.Builder options = new Options.Builder().server(url);
        if (user != null) {
            options.userInfo(user, user);
        }
        return Nats.connect(options.build());
    }

    private static void awaitJnatsdInterest(JnatsdServer server, String account, String subject) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                !server.server().account(account).subscriptions().match(subject).isEmpty());
    }

    /** The Go server's leaf connection holds the peer's interest in {@code subject}. */
    private static void awaitGoInterest(GoServer server, String subject) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonNode leafs = server.monitor("leafz?subs=1").path("leafs");
            boolean found = false;
            for (JsonNode leaf : leafs) {
                for (JsonNode sub : leaf.path("subscriptions_list")) {
                    found |= sub.asText().equals(subject);
                }
            }
            assertThat(found).as("%s holds interest in %s: %s", server.name, subject, leafs).isTrue();
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    /** Messages and requests both ways between a hub client (account {@code hubUser}) and a leaf client. */
    private static void exchange(Connection onHub, Connection onLeaf, Runnable awaitSubscriptions,
                                 Runnable awaitServices) throws Exception {
        Subscription hubSide = onHub.subscribe("up.>");
        Subscription leafSide = onLeaf.subscribe("down.*");
        onHub.flush(Duration.ofSeconds(2));
        onLeaf.flush(Duration.ofSeconds(2));
        awaitSubscriptions.run();
        for (int i = 0; i < 50; i++) {
            onLeaf.publish("up.x.y", bytes("l" + i));
            onHub.publish("down.x", bytes("h" + i));
        }
        for (int i = 0; i < 50; i++) {
            Message up = hubSide.nextMessage(Duration.ofSeconds(5));
            assertThat(up).as("message %d on the hub", i).isNotNull();
            assertThat(text(up)).isEqualTo("l" + i);
            Message down = leafSide.nextMessage(Duration.ofSeconds(5));
            assertThat(down).as("message %d on the leaf", i).isNotNull();
            assertThat(text(down)).isEqualTo("h" + i);
        }
        assertThat(hubSide.nextMessage(Duration.ofMillis(100))).isNull();
        assertThat(leafSide.nextMessage(Duration.ofMillis(50))).isNull();
        io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers().add("X-Leaf", "1");
        onLeaf.publish("up.h", headers, bytes("with headers"));
        Message withHeaders = hubSide.nextMessage(Duration.ofSeconds(5));
        assertThat(withHeaders).isNotNull();
        assertThat(withHeaders.getHeaders().getFirst("X-Leaf")).isEqualTo("1");
        assertThat(text(withHeaders)).isEqualTo("with headers");
        onHub.publish("down.h", new io.nats.client.impl.Headers().add("X-Hub", "2"), bytes("down with headers"));
        Message downWithHeaders = leafSide.nextMessage(Duration.ofSeconds(5));
        assertThat(downWithHeaders).isNotNull();
        assertThat(downWithHeaders.getHeaders().getFirst("X-Hub")).isEqualTo("2");

        Dispatcher hubService = onHub.createDispatcher(m -> onHub.publish(m.getReplyTo(), bytes("H:" + text(m))));
        hubService.subscribe("svc.hub");
        Dispatcher leafService = onLeaf.createDispatcher(m -> onLeaf.publish(m.getReplyTo(), bytes("L:" + text(m))));
        leafService.subscribe("svc.leaf");
        onHub.flush(Duration.ofSeconds(2));
        onLeaf.flush(Duration.ofSeconds(2));
        awaitServices.run();
        for (int i = 0; i < 10; i++) {
            Message fromHub = onLeaf.request("svc.hub", bytes("q" + i), Duration.ofSeconds(5));
            assertThat(fromHub).as("reply %d from the hub", i).isNotNull();
            assertThat(text(fromHub)).isEqualTo("H:q" + i);
            Message fromLeaf = onHub.request("svc.leaf", bytes("r" + i), Duration.ofSeconds(5));
            assertThat(fromLeaf).as("reply %d from the leaf", i).isNotNull();
            assertThat(text(fromLeaf)).isEqualTo("L:r" + i);
        }
    }

    @Test
    void aGoLeafExchangesMessagesAndRequestsWithAJnatsdHub() throws Exception {
        try (Connection onHub = connect(jnatsdHub.clientUrl(), "a"); Connection onLeaf = connect(goLeaf.clientUrl(), null)) {
            exchange(onHub, onLeaf, () -> {
                awaitJnatsdInterest(jnatsdHub, "A", "down.x");
                awaitGoInterest(goLeaf, "up.>");
            }, () -> {
                awaitJnatsdInterest(jnatsdHub, "A", "svc.leaf");
                awaitGoInterest(goLeaf, "svc.hub");
            });
        }
        assertThat(goLeaf.protocolErrors()).as("errors in GL's log").isEmpty();
    }

    @Test
    void aJnatsdLeafExchangesMessagesAndRequestsWithAGoHub() throws Exception {
        try (Connection onHub = connect(goHub.clientUrl(), "h"); Connection onLeaf = connect(jnatsdLeaf.clientUrl(), null)) {
            exchange(onHub, onLeaf, () -> {
                awaitJnatsdInterest(jnatsdLeaf, "$G", "up.x.y");
                awaitGoInterest(goHub, "down.*");
            }, () -> {
                awaitJnatsdInterest(jnatsdLeaf, "$G", "svc.hub");
                awaitGoInterest(goHub, "svc.leaf");
            });
        }
        assertThat(goHub.protocolErrors()).as("errors in GH's log").isEmpty();
    }
}
