package io.jnatsd.tests.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leaf connections as monitoring shows them (LEAFNODES.md §12), on a jnatsd hub {@code HUB}
 * (leaf user bound to account A) and a jnatsd leaf {@code EDGE} (remote bound to its account L):
 * /leafz on both sides with {@code subs} and {@code acc}, the /varz leaf block and counts, leafs kept
 * out of /connz, the account pages, {@code $SYS.REQ.SERVER.PING.LEAFZ}, /metrics and the dashboard.
 */
class LeafMonitoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGES = 7;

    private static JnatsdServer hub;
    private static JnatsdServer edge;
    private static MonitorHttp hubHttp;
    private static MonitorHttp edgeHttp;
    private static Connection hubClient;
    private static Connection edgeClient;

    @BeforeAll
    static void start() throws Exception {
        hub = JnatsdServer.builder().configString("""
                server_name: HUB
                accounts {
                  A { users: [ {user: a, password: a} ] }
                  SYS { users: [ {user: sys, password: sys} ] }
                }
                system_account: SYS
                leafnodes {
                  host: 127.0.0.1
                  port: -1
                  authorization { users: [ {user: edge, password: edge, account: A} ] }
                }
                """).monitorPort(-1).start();
        edge = JnatsdServer.builder().configString("server_name: EDGE\n"
                + "accounts { L { users: [ {user: l, password: l} ] } }\n"
                + "leafnodes { remotes: [ { url: \"nats://edge:edge@127.0.0.1:" + hub.server().leafNodes().listenPort()
                + "\", account: L } ] }\n").monitorPort(-1).start();
        // a leaf that comes and goes: the hub keeps it among its closed connections
        try (JnatsdServer gone = JnatsdServer.builder().configString("server_name: GONE\nleafnodes { remotes: [ { url: "
                + "\"nats://edge:edge@127.0.0.1:" + hub.server().leafNodes().listenPort() + "\" } ] }\n").start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gone.server().leafNodes().connectionCount() == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().closedConnections().stream()
                .anyMatch(closed -> "GONE".equals(closed.name())));
        hubHttp = new MonitorHttp(hub.monitorUrl());
        edgeHttp = new MonitorHttp(edge.monitorUrl());
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 1
                && edge.server().leafNodes().connectionCount() == 1);
        hubClient = Nats.connect(new Options.Builder().server(hub.clientUrl()).userInfo("a", "a").build());
        edgeClient = Nats.connect(new Options.Builder().server(edge.clientUrl()).userInfo("l", "l").build());
        Subscription onHub = hubClient.subscribe("up.*");
        hubClient.subscribe("work", "workers");
        hubClient.flush(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> !edge.server().account("L").subscriptions().match("up.x").isEmpty());
        for (int i = 0; i < MESSAGES; i++) {
            edgeClient.publish("up.x", "hello".getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(onHub.nextMessage(Duration.ofSeconds(5))).as("message %d", i).isNotNull();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Connection connection : new Connection[] {hubClient, edgeClient}) {
            if (connection != null) {
                connection.close();
            }
        }
        for (JnatsdServer server : new JnatsdServer[] {edge, hub}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    @Test
    void theHubListsTheLeafWithItsTrafficAndInterest() throws Exception {
        JsonNode leafz = hubHttp.json("/leafz?subs=1");
        assertThat(names(leafz)).containsExactly("server_id", "now", "leafnodes", "leafs");
        assertThat(leafz.path("server_id").asText()).isEqualTo(hub.server().serverId());
        assertThat(leafz.path("leafnodes").asInt()).isEqualTo(1);
        JsonNode leaf = leafz.path("leafs").get(0);
        assertThat(names(leaf)).containsExactly("name", "is_spoke", "account", "ip", "port", "rtt", "in_msgs",
                "out_msgs", "in_bytes", "out_bytes", "subscriptions", "subscriptions_list", "compression");
        assertThat(leaf.path("name").asText()).isEqualTo("EDGE");
        assertThat(leaf.path("is_spoke").asBoolean()).isFalse();
        assertThat(leaf.path("account").asText()).isEqualTo("A");
        assertThat(leaf.path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(leaf.path("in_msgs").asLong()).isEqualTo(MESSAGES);
        assertThat(leaf.path("in_bytes").asLong()).isEqualTo(MESSAGES * 5L);
        assertThat(leaf.path("compression").asText()).as("s2_auto by default, its level by RTT").startsWith("s2_");
        assertThat(texts(leaf.path("subscriptions_list"))).anyMatch(subject -> subject.startsWith("$LDS."));
        assertThat(leaf.path("subscriptions").asInt()).isEqualTo(leaf.path("subscriptions_list").size());
        assertThat(hubHttp.json("/leafz").path("leafs").get(0).has("subscriptions_list")).isFalse();
    }

    @Test
    void theSpokeListsItsHubWithTheHubsInterestQueueNamesDropped() throws Exception {
        JsonNode leaf = edgeHttp.json("/leafz?subs=true").path("leafs").get(0);
        assertThat(leaf.path("name").asText()).isEqualTo("HUB");
        assertThat(leaf.path("is_spoke").asBoolean()).isTrue();
        assertThat(leaf.path("account").asText()).isEqualTo("L");
        assertThat(leaf.path("port").asInt()).isEqualTo(hub.server().leafNodes().listenPort());
        assertThat(leaf.path("out_msgs").asLong()).isEqualTo(MESSAGES);
        assertThat(texts(leaf.path("subscriptions_list"))).contains("up.*", "work");
    }

    @Test
    void accountFilterAndBadBooleansAnswerAsNatsServer() throws Exception {
        assertThat(hubHttp.json("/leafz?acc=A").path("leafnodes").asInt()).isEqualTo(1);
        JsonNode none = hubHttp.json("/leafz?acc=NOPE");
        assertThat(none.path("leafnodes").asInt()).isZero();
        assertThat(none.path("leafs").isArray()).isTrue();
        assertThat(none.path("leafs").size()).isZero();
        HttpResponse<String> bad = hubHttp.get("/leafz?subs=maybe");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("Error decoding boolean for 'subs': strconv.ParseBool: parsing \"maybe\": "
                + "invalid syntax");
    }

    @Test
    void varzShowsTheLeafBlockAndCountsLeafTraffic() throws Exception {
        JsonNode hubVarz = hubHttp.json("/varz");
        JsonNode block = hubVarz.path("leaf");
        assertThat(names(block)).containsExactly("host", "port", "auth_timeout", "tls_timeout");
        assertThat(block.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(block.path("port").asInt()).isEqualTo(hub.server().leafNodes().listenPort());
        assertThat(block.path("auth_timeout").asDouble()).isEqualTo(2.0);
        assertThat(hubVarz.path("leafnodes").asInt()).isEqualTo(1);
        assertThat(hubVarz.path("in_msgs").asLong()).isGreaterThanOrEqualTo(MESSAGES);

        JsonNode edgeVarz = edgeHttp.json("/varz");
        JsonNode remote = edgeVarz.path("leaf").path("remotes").get(0);
        assertThat(names(edgeVarz.path("leaf"))).containsExactly("remotes");
        assertThat(remote.path("local_account").asText()).isEqualTo("L");
        assertThat(texts(remote.path("urls"))).containsExactly("127.0.0.1:" + hub.server().leafNodes().listenPort());
        assertThat(edgeVarz.path("leafnodes").asInt()).isEqualTo(1);
        assertThat(edgeVarz.path("cluster").path("name").asText()).as("a leaf without a cluster block").isEqualTo("EDGE");
        assertThat(edgeVarz.path("out_msgs").asLong()).isGreaterThanOrEqualTo(MESSAGES);
    }

    @Test
    void leafConnectionsStayOutOfConnzAndCountInTheAccountPages() throws Exception {
        assertThat(hubHttp.json("/connz?acc=A").path("total").asInt()).as("the hub client only").isEqualTo(1);
        assertThat(edgeHttp.json("/connz").path("total").asInt()).as("the edge client only").isEqualTo(1);
        JsonNode detail = hubHttp.json("/accountz?acc=A").path("account_detail");
        assertThat(detail.path("leafnode_connections").asInt()).isEqualTo(1);
        assertThat(detail.path("client_connections").asInt()).isEqualTo(1);
        JsonNode statz = hubHttp.json("/accstatz").path("account_statz");
        JsonNode a = null;
        for (JsonNode stat : statz) {
            if (stat.path("acc").asText().equals("A")) {
                a = stat;
            }
        }
        assertThat(a).as("A in %s", statz).isNotNull();
        assertThat(a.path("leafnodes").asInt()).isEqualTo(1);
        assertThat(a.path("total_conns").asInt()).isEqualTo(2);
    }

    @Test
    void closedLeafConnectionsAreListedInConnzAsNatsServerListsThem() throws Exception {
        // a loaded machine can make a handshake time out and the leaf redial: look GONE up by name
        JsonNode closed = hubHttp.json("/connz?state=closed&auth=1&subs=detail");
        JsonNode leaf = null;
        for (JsonNode connection : closed.path("connections")) {
            if (connection.path("name").asText().equals("GONE")) {
                leaf = connection;
            }
        }
        assertThat(leaf).as("GONE in %s", closed).isNotNull();
        assertThat(names(leaf)).containsExactly("cid", "kind", "ip", "port", "start", "last_activity", "stop", "reason",
                "rtt", "uptime", "idle", "pending_bytes", "in_msgs", "out_msgs", "in_bytes", "out_bytes", "subscriptions",
                "name", "version", "authorized_user", "account", "subscriptions_list_detail");
        assertThat(leaf.path("kind").asText()).isEqualTo("Leafnode");
        assertThat(leaf.path("name").asText()).isEqualTo("GONE");
        assertThat(leaf.path("reason").asText()).isEqualTo("Client Closed");
        assertThat(leaf.path("authorized_user").asText()).isEqualTo("edge");
        assertThat(leaf.path("account").asText()).isEqualTo("A");
        JsonNode loop = null;
        for (JsonNode interest : leaf.path("subscriptions_list_detail")) {
            if (interest.path("subject").asText().startsWith("$LDS.")) {
                loop = interest;
            }
        }
        assertThat(loop).as("the leaf's loop detection interest").isNotNull();
        assertThat(loop.path("account").asText()).isEqualTo("A");
        assertThat(loop.path("subject").asText()).startsWith("$LDS.").isEqualTo(loop.path("sid").asText());
        assertThat(hubHttp.json("/connz?state=any&acc=A").path("total").asInt()).as("the client and GONE")
                .isGreaterThanOrEqualTo(2);
        assertThat(hubHttp.json("/connz").path("total").asInt()).as("open: the client only").isEqualTo(1);
    }

    @Test
    void theSystemAccountAnswersLeafzPings() throws Exception {
        try (Connection system = Nats.connect(new Options.Builder().server(hub.clientUrl()).userInfo("sys", "sys").build())) {
            for (String subject : List.of("$SYS.REQ.SERVER.PING.LEAFZ", "$SYS.REQ.SERVER." + hub.server().serverId() + ".LEAFZ")) {
                Message reply = system.request(subject, "{\"subscriptions\":true,\"account\":\"A\"}"
                        .getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
                assertThat(reply).as(subject).isNotNull();
                JsonNode answer = JSON.readTree(reply.getData());
                assertThat(names(answer)).containsExactly("server", "data");
                JsonNode leaf = answer.path("data").path("leafs").get(0);
                assertThat(leaf.path("name").asText()).isEqualTo("EDGE");
                assertThat(leaf.has("subscriptions_list")).isTrue();
            }
            Message none = system.request("$SYS.REQ.SERVER.PING.LEAFZ", "{\"account\":\"B\"}".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(5));
            assertThat(JSON.readTree(none.getData()).path("data").path("leafnodes").asInt()).isZero();
            // the answer nats-server 2.10.27 gives
            Message typed = system.request("$SYS.REQ.SERVER.PING.LEAFZ", "{\"subscriptions\":1}".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(5));
            JsonNode error = JSON.readTree(typed.getData()).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(400);
            assertThat(error.path("description").asText()).isEqualTo("json: cannot unmarshal number into Go struct field "
                    + "LeafzEventOptions.LeafzOptions.subscriptions of type bool");
        }
    }

    @Test
    void metricsHaveOneSeriesPerLeafConnection() throws Exception {
        String metrics = hubHttp.get("/metrics").body();
        assertThat(metrics).contains("# TYPE jnatsd_leafnodes gauge\njnatsd_leafnodes 1\n");
        assertThat(metrics).containsPattern("jnatsd_leaf_in_msgs_total\\{cid=\"\\d+\",name=\"EDGE\",account=\"A\","
                + "role=\"hub\"} " + MESSAGES + "\n");
        assertThat(edgeHttp.get("/metrics").body()).containsPattern(
                "jnatsd_leaf_out_msgs_total\\{cid=\"\\d+\",name=\"HUB\",account=\"L\",role=\"spoke\"} " + MESSAGES + "\n");
    }

    @Test
    void theDashboardPollsLeafz() throws Exception {
        assertThat(hubHttp.get("/dashboard").body()).contains("<section id=\"leafnodes\">", "fetch(\"leafz\"");
    }
}
