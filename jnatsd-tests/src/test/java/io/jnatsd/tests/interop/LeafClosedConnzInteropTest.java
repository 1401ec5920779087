package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closed leaf connections in {@code /connz?state=closed} (kind {@code Leafnode}), jnatsd against
 * nats-server 2.10: a Go leaf {@code GL} on the jnatsd hub {@code JH} and the jnatsd leaf {@code JL}
 * on the Go hub {@code GH}. When the hubs stop, each leaf keeps its spoke-side entry; when the
 * hubs are back and the leafs stop, each hub keeps its hub-side entry. The jnatsd entries have
 * the field paths of the Go server's in the same role (nats-server also keeps leaf connections
 * that closed before their handshake completed; jnatsd keeps registered ones only). Skipped without {@code NATS_SERVER_210}.
 */
class LeafClosedConnzInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> QUERIES = List.of("connz?state=closed", "connz?state=closed&subs=1",
            "connz?state=closed&subs=detail&auth=1");

    private final int jnatsdHubLeafPort = freePort();
    private final int goHubLeafPort = freePort();
    private JnatsdServer jnatsdHub;
    private JnatsdServer jnatsdLeaf;
    private GoServer goHub;
    private GoServer goLeaf;

    private static int freePort() {
        try {
            return GoServer.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
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

    private void startHubs() throws Exception {
        jnatsdHub = JnatsdServer.builder().configString("server_name: JH\n"
                + "accounts { A { users: [ {user: a, password: a} ] } }\n"
                + "leafnodes { listen: \"127.0.0.1:" + jnatsdHubLeafPort + "\", authorization { users: [ "
                + "{user: gl, password: gl, account: A} ] } }\n").monitorPort(-1).start();
        goHub = GoServer.start("NATS_SERVER_210", "GH", "GHC", List.of(), "",
                "accounts { HA { users: [ {user: h, password: h} ] } }\n"
                        + "leafnodes { listen: \"127.0.0.1:" + goHubLeafPort + "\", authorization { users: [ "
                        + "{user: jl, password: jl, account: HA} ] } }");
    }

    private void awaitLinks() {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(jnatsd(jnatsdHub, "leafz").path("leafnodes").asInt()).as("leafs of JH").isEqualTo(1);
            assertThat(goHub.monitor("leafz").path("leafnodes").asInt()).as("leafs of GH").isEqualTo(1);
        });
    }

    private static JsonNode jnatsd(JnatsdServer server, String endpoint) throws IOException {
        return JSON.readTree(URI.create(server.monitorUrl() + "/" + endpoint).toURL());
    }

    @Test
    void closedLeafConnectionsHaveTheFieldsOfNatsServersOnBothSides() throws Exception {
        GoServer.binary("NATS_SERVER_210");
        startHubs();
        goLeaf = GoServer.start("NATS_SERVER_210", "GL", "GLC", List.of(), "",
                "accounts { LA { users: [ {user: la, password: la} ] } }\n"
                        + "leafnodes { remotes: [ { url: \"nats://gl:gl@127.0.0.1:" + jnatsdHubLeafPort
                        + "\", account: LA } ] }");
        jnatsdLeaf = JnatsdServer.builder().configString("server_name: JL\n"
                + "accounts { LB { users: [ {user: lb, password: lb} ] } }\n"
                + "leafnodes { remotes: [ { url: \"nats://jl:jl@127.0.0.1:" + goHubLeafPort + "\", account: LB } ] }\n")
                .monitorPort(-1).start();
        awaitLinks();

        jnatsdHub.close();
        goHub.close();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(registeredLeaf(jnatsd(jnatsdLeaf, "connz?state=closed"))).as("JL").isNotNull();
            assertThat(registeredLeaf(goLeaf.monitor("connz?state=closed"))).as("GL").isNotNull();
        });
        for (String query : QUERIES) {
            assertThat(fieldPaths(registeredLeaf(jnatsd(jnatsdLeaf, query)))).as("spoke " + query)
                    .isEqualTo(fieldPaths(registeredLeaf(goLeaf.monitor(query))));
        }

        startHubs();
        awaitLinks();
        jnatsdLeaf.close();
        goLeaf.close();
        goLeaf = null;
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(registeredLeaf(jnatsd(jnatsdHub, "connz?state=closed"))).as("JH").isNotNull();
            assertThat(registeredLeaf(goHub.monitor("connz?state=closed"))).as("GH").isNotNull();
        });
        for (String query : QUERIES) {
            assertThat(fieldPaths(registeredLeaf(jnatsd(jnatsdHub, query)))).as("hub " + query)
                    .isEqualTo(fieldPaths(registeredLeaf(goHub.monitor(query))));
        }
        JsonNode jnatsdSide = registeredLeaf(jnatsd(jnatsdHub, "connz?state=closed&auth=1"));
        JsonNode goSide = registeredLeaf(goHub.monitor("connz?state=closed&auth=1"));
        assertThat(jnatsdSide.path("name").asText()).isEqualTo("GL");
        assertThat(goSide.path("name").asText()).isEqualTo("JL");
        assertThat(jnatsdSide.path("authorized_user").asText()).isEqualTo("gl");
        assertThat(goSide.path("version").asText()).isEqualTo(jnatsdSide.path("version").asText());
    }

    /**
     * The last closed leaf connection that got through its handshake (it holds interest): Go also
     * keeps leaf connections that failed before it, and the Go servers' ports see probe clients.
     */
    private static JsonNode registeredLeaf(JsonNode connz) {
        JsonNode found = null;
        for (JsonNode connection : connz.path("connections")) {
            if (connection.path("kind").asText().equals("Leafnode") && connection.path("subscriptions").asInt() > 0) {
                found = connection;
            }
        }
        return found;
    }

    /** Every field path, array elements merged, to compare shapes, not values. */
    private static Set<String> fieldPaths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, Set<String> paths) {
        if (node.isObject()) {
            for (var names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                paths.add(path);
                collect(node.get(name), path, paths);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, prefix + "[]", paths));
        }
    }
}
