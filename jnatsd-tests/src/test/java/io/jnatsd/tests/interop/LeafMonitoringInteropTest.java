package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leaf monitoring of jnatsd against nats-server 2.10 (LEAFNODES.md §12), in the topology of
 * {@link LeafNodeInteropTest}: a Go leaf {@code GL} on the jnatsd hub {@code JH}, and the jnatsd leaf
 * {@code JL} on the Go hub {@code GH}. Each jnatsd document has the field paths of the Go server in
 * the same role, both ends of a link agree on names, roles, ports and message counts, and neither
 * kind of server lists leafs in /connz. Skipped without {@code NATS_SERVER_210}.
 */
class LeafMonitoringInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGES = 9;

    private static JnatsdServer jnatsdHub;
    private static JnatsdServer jnatsdLeaf;
    private static GoServer goLeaf;
    private static GoServer goHub;

    @BeforeAll
    static void start() throws Exception {
        GoServer.binary("NATS_SERVER_210");
        jnatsdHub = JnatsdServer.builder().configString("""
                server_name: JH
                accounts { A { users: [ {user: a, password: a} ] } }
                leafnodes {
                  host: 127.0.0.1
                  port: -1
                  authorization { users: [ {user: gl, password: gl, account: A} ] }
                }
                """).monitorPort(-1).start();
        goLeaf = GoServer.start("NATS_SERVER_210", "GL", "GLC", List.of(), "", "leafnodes { remotes: [ { url: "
                + "\"nats://gl:gl@127.0.0.1:" + jnatsdHub.server().leafNodes().listenPort() + "\" } ] }");
        int goHubLeafPort = GoServer.freePort();
        goHub = GoServer.start("NATS_SERVER_210", "GH", "GHC", List.of(), "",
                "accounts { HA { users: [ {user: h, password: h} ] } }\n"
                        + "leafnodes { listen: \"127.0.0.1:" + goHubLeafPort + "\", authorization { users: [ "
                        + "{user: jl, password: jl, account: HA} ] } }");
        jnatsdLeaf = JnatsdServer.builder().configString("server_name: JL\nleafnodes { remotes: [ { url: "
                + "\"nats://jl:jl@127.0.0.1:" + goHubLeafPort + "\" } ] }\n").monitorPort(-1).start();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(jnatsd(jnatsdHub, "leafz").path("leafnodes").asInt()).as("leafs of JH").isEqualTo(1);
            assertThat(jnatsd(jnatsdLeaf, "leafz").path("leafnodes").asInt()).as("hubs of JL").isEqualTo(1);
            assertThat(goLeaf.monitor("leafz").path("leafnodes").asInt()).as("hubs of GL").isEqualTo(1);
            assertThat(goHub.monitor("leafz").path("leafnodes").asInt()).as("leafs of GH").isEqualTo(1);
        });
        // traffic up both links, so the counters have something to agree on
        send(goLeaf.clientUrl(), null, jnatsdHub.clientUrl(), "a");
        send(jnatsdLeaf.clientUrl(), null, goHub.clientUrl(), "h");
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

    /** {@link #MESSAGES} messages from a client of the leaf to a subscriber on the hub. */
    private static void send(String leafUrl, String leafUser, String hubUrl, String hubUser) throws Exception {
        try (Connection onHub = connect(hubUrl, hubUser); Connection onLeaf = connect(leafUrl, leafUser)) {
            Subscription up = onHub.subscribe("mon.up");
            onHub.flush(Duration.ofSeconds(2));
            awaitHubInterestOnLeaf(leafUrl);
            for (int i = 0; i < MESSAGES; i++) {
                onLeaf.publish("mon.up", "hello".getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(up.nextMessage(Duration.ofSeconds(5))).as("message %d", i).isNotNull();
            }
        }
    }

    /** The leaf's /leafz lists the hub's interest in {@code mon.up}: publishes on the leaf now cross. */
    private static void awaitHubInterestOnLeaf(String leafUrl) {
        String leafMonitor = leafUrl.equals(goLeaf.clientUrl()) ? null : jnatsdLeaf.monitorUrl();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonNode leafz = leafMonitor == null ? goLeaf.monitor("leafz?subs=1")
                    : JSON.readTree(URI.create(leafMonitor + "/leafz?subs=1").toURL());
            assertThat(leafz.path("leafs").get(0).path("subscriptions_list").toString()).contains("\"mon.up\"");
        });
    }

    private static Connection connect(String url, String user) throws Exception {
        Options.Builder options = new Options.Builder().server(url);
        if (user != null) {
            options.userInfo(user, user);
        }
        return Nats.connect(options.build());
    }

    private static JsonNode jnatsd(JnatsdServer server, String endpoint) throws IOException {
        return JSON.readTree(URI.create(server.monitorUrl() + "/" + endpoint).toURL());
    }

    /** Every field path, array elements merged, to compare shapes, not values. */
    private static Set<String> fieldPaths(JsonNode node, String prefix) {
        Set<String> paths = new TreeSet<>();
        if (node.isObject()) {
            for (var names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                paths.add(path);
                paths.addAll(fieldPaths(node.get(name), path));
            }
        } else if (node.isArray()) {
            node.forEach(element -> paths.addAll(fieldPaths(element, prefix + "[]")));
        }
        return paths;
    }

    @Test
    void leafzHasTheFieldsOfNatsServerOnTheHubAndOnTheSpoke() throws Exception {
        for (String query : List.of("leafz", "leafz?subs=1", "leafz?acc=NOPE")) {
            assertThat(fieldPaths(jnatsd(jnatsdHub, query), "")).as("hub " + query)
                    .isEqualTo(fieldPaths(goHub.monitor(query), ""));
            assertThat(fieldPaths(jnatsd(jnatsdLeaf, query), "")).as("spoke " + query)
                    .isEqualTo(fieldPaths(goLeaf.monitor(query), ""));
        }
    }

    @Test
    void varzLeafBlockAndCountsHaveTheFieldsOfNatsServer() throws Exception {
        JsonNode hub = jnatsd(jnatsdHub, "varz");
        JsonNode leaf = jnatsd(jnatsdLeaf, "varz");
        assertThat(fieldPaths(hub.path("leaf"), "")).isEqualTo(fieldPaths(goHub.monitor("varz").path("leaf"), ""));
        assertThat(fieldPaths(leaf.path("leaf"), "")).isEqualTo(fieldPaths(goLeaf.monitor("varz").path("leaf"), ""));
        assertThat(hub.path("leafnodes").asInt()).isEqualTo(goHub.monitor("varz").path("leafnodes").asInt()).isEqualTo(1);
        assertThat(leaf.path("leafnodes").asInt()).isEqualTo(goLeaf.monitor("varz").path("leafnodes").asInt()).isEqualTo(1);
        assertThat(hub.path("leaf").path("port").asInt()).isEqualTo(jnatsdHub.server().leafNodes().listenPort());
    }

    @Test
    void bothEndsOfEachLinkAgree() throws Exception {
        JsonNode jnatsdHubSide = jnatsd(jnatsdHub, "leafz").path("leafs").get(0);
        JsonNode goSpokeSide = goLeaf.monitor("leafz").path("leafs").get(0);
        assertThat(jnatsdHubSide.path("name").asText()).isEqualTo("GL");
        assertThat(goSpokeSide.path("name").asText()).isEqualTo("JH");
        assertThat(jnatsdHubSide.path("is_spoke").asBoolean()).isFalse();
        assertThat(goSpokeSide.path("is_spoke").asBoolean()).isTrue();
        assertThat(jnatsdHubSide.path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(goSpokeSide.path("port").asInt()).isEqualTo(jnatsdHub.server().leafNodes().listenPort());
        // s2_auto on both ends: each writer picks its level from its own round trips, so the
        // levels may differ for a moment (a slow start picks s2_best); both must be compressing.
        assertThat(goSpokeSide.path("compression").asText()).startsWith("s2_");
        assertThat(jnatsdHubSide.path("compression").asText()).startsWith("s2_");
        assertThat(jnatsdHubSide.path("in_msgs").asLong()).isEqualTo(goSpokeSide.path("out_msgs").asLong())
                .isGreaterThanOrEqualTo(MESSAGES);

        JsonNode goHubSide = goHub.monitor("leafz").path("leafs").get(0);
        JsonNode jnatsdSpokeSide = jnatsd(jnatsdLeaf, "leafz").path("leafs").get(0);
        assertThat(goHubSide.path("name").asText()).isEqualTo("JL");
        assertThat(jnatsdSpokeSide.path("name").asText()).isEqualTo("GH");
        assertThat(goHubSide.path("account").asText()).isEqualTo("HA");
        assertThat(jnatsdSpokeSide.path("account").asText()).isEqualTo("$G");
        assertThat(jnatsdSpokeSide.path("is_spoke").asBoolean()).isTrue();
        assertThat(jnatsdSpokeSide.path("port").asInt()).isEqualTo(goHub.monitor("varz").path("leaf").path("port").asInt());
        assertThat(goHubSide.path("compression").asText()).startsWith("s2_");
        assertThat(jnatsdSpokeSide.path("compression").asText()).startsWith("s2_");
        assertThat(goHubSide.path("in_msgs").asLong()).isEqualTo(jnatsdSpokeSide.path("out_msgs").asLong())
                .isGreaterThanOrEqualTo(MESSAGES);
        assertThat(goHubSide.path("in_bytes").asLong()).isEqualTo(jnatsdSpokeSide.path("out_bytes").asLong());
    }

    @Test
    void neitherServerListsLeafsInConnz() throws Exception {
        assertThat(jnatsd(jnatsdHub, "connz").path("total").asInt()).isZero();
        assertThat(jnatsd(jnatsdLeaf, "connz").path("total").asInt()).isZero();
        assertThat(goHub.monitor("connz").path("total").asInt()).isZero();
        assertThat(goLeaf.monitor("connz").path("total").asInt()).isZero();
    }
}
