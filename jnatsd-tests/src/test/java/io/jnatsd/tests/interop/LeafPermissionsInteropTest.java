package io.jnatsd.tests.interop;

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
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The leaf user's permissions across implementations (LEAFNODES.md §4, §8.4): the hub enforces
 * them swapped and sends them in INFO #2 ({@code import}/{@code export}) for the spoke to enforce.
 * A jnatsd leaf on a nats-server 2.10 hub must not announce interest the user may not subscribe to
 * (the Go hub would close the link with a permissions violation), and a Go leaf on a jnatsd hub
 * reads jnatsd's INFO. Skipped without {@code NATS_SERVER_210}.
 */
class LeafPermissionsInteropTest {
    private static final String USERS = "authorization { users: [\n"
            + "  { user: lu, password: lp, permissions: { publish: \"up.>\", subscribe: \"down.>\" } }\n"
            + "  { user: c, password: c }\n] }\n";
    private static GoServer goHub;
    private static GoServer goLeaf;
    private static JnatsdServer jnatsdHub;
    private static JnatsdServer jnatsdLeaf;

    @BeforeAll
    static void start() throws Exception {
        GoServer.binary("NATS_SERVER_210");
        int goHubLeafPort = GoServer.freePort();
        goHub = GoServer.start("NATS_SERVER_210", "PGH", "PGHC", List.of(), "",
                USERS + "leafnodes { listen: \"127.0.0.1:" + goHubLeafPort + "\" }");
        jnatsdLeaf = JnatsdServer.builder().configString("server_name: PJL\nleafnodes { remotes: [ { url: "
                + "\"nats://lu:lp@127.0.0.1:" + goHubLeafPort + "\" } ] }\n").start();
        jnatsdHub = JnatsdServer.builder().configString("server_name: PJH\n" + USERS
                + "leafnodes { host: 127.0.0.1, port: -1 }\n").start();
        goLeaf = GoServer.start("NATS_SERVER_210", "PGL", "PGLC", List.of(), "", "leafnodes { remotes: [ { url: "
                + "\"nats://lu:lp@127.0.0.1:" + jnatsdHub.server().leafNodes().listenPort() + "\" } ] }");
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

    private static boolean goLeafzHas(GoServer server, String subject) throws Exception {
        for (var leaf : server.monitor("leafz?subs=1").path("leafs")) {
            for (var sub : leaf.path("subscriptions_list")) {
                if (sub.asText().equals(subject)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int interest(JnatsdServer server, String subject) {
        return server.server().account("$G").subscriptions().match(subject).plainCount();
    }

    private static void onlyPermittedTrafficCrosses(String hubUrl, String leafUrl, Callable<Boolean> interestReady,
                                                    Callable<Boolean> linkUp) throws Exception {
        Options hubClient = new Options.Builder().server(hubUrl).userInfo("c", "c").build();
        try (Connection onHub = Nats.connect(hubClient); Connection onLeaf = Nats.connect(leafUrl)) {
            Subscription down = onLeaf.subscribe("down.x");
            Subscription other = onLeaf.subscribe("other.x");
            Subscription up = onHub.subscribe("up.>");
            Subscription nope = onHub.subscribe("nope.>");
            onLeaf.flush(Duration.ofSeconds(2));
            onHub.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(interestReady);
            onHub.publish("other.x", bytes("not for the leaf"));
            onHub.publish("down.x", bytes("down"));
            assertThat(text(down.nextMessage(Duration.ofSeconds(5)))).isEqualTo("down");
            onLeaf.publish("nope.z", bytes("not for the hub"));
            onLeaf.publish("up.z", bytes("up"));
            assertThat(text(up.nextMessage(Duration.ofSeconds(5)))).isEqualTo("up");
            assertThat(other.nextMessage(Duration.ofMillis(200))).isNull();
            assertThat(nope.nextMessage(Duration.ofMillis(50))).isNull();
            assertThat(linkUp.call()).as("the leaf connection survived: no permissions violation").isTrue();
        }
    }

    @Test
    void aJnatsdLeafKeepsToThePermissionsAGoHubSends() throws Exception {
        onlyPermittedTrafficCrosses(goHub.clientUrl(), jnatsdLeaf.clientUrl(),
                () -> goLeafzHas(goHub, "down.x") && interest(jnatsdLeaf, "up.z") == 1,
                () -> jnatsdLeaf.server().leafNodes().connectionCount() == 1);
        assertThat(goLeafzHas(goHub, "other.x")).as("no LS+ other.x was sent").isFalse();
        assertThat(goHub.log()).doesNotContain("Violation");
        assertThat(goHub.protocolErrors()).isEmpty();
    }

    @Test
    void aGoLeafKeepsToThePermissionsAJnatsdHubSends() throws Exception {
        onlyPermittedTrafficCrosses(jnatsdHub.clientUrl(), goLeaf.clientUrl(),
                () -> interest(jnatsdHub, "down.x") == 1 && goLeafzHas(goLeaf, "up.>"),
                () -> jnatsdHub.server().leafNodes().connectionCount() == 1);
        assertThat(interest(jnatsdHub, "other.x")).as("the Go leaf sent no LS+ other.x").isZero();
        assertThat(goLeafzHas(goLeaf, "nope.>")).as("the jnatsd hub announced no nope.>").isFalse();
        assertThat(goLeaf.protocolErrors()).isEmpty();
    }
}
