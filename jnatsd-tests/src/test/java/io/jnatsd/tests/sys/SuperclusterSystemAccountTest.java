package io.jnatsd.tests.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.JnatsdSupercluster;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The system account across gateways: nats-server 2.10 sends the {@code $SYS} account's interest
 * over gateways like any account's, so a ping from one cluster is answered by every server of
 * the supercluster (checked against 2.10.27: two single-server clusters both answer
 * {@code $SYS.REQ.SERVER.PING.GATEWAYZ}). GATEWAYZ carries the /gatewayz document.
 */
class SuperclusterSystemAccountTest {
    private static final String CONFIG = """
            accounts {
              SYS { users [ {user: sys, password: sys} ] }
              APP { users [ {user: app, password: app} ] }
            }
            system_account: SYS
            """;
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration MAX = Duration.ofSeconds(3);

    static JnatsdSupercluster regions;
    static Connection system;

    @BeforeAll
    static void start() throws Exception {
        regions = JnatsdSupercluster.builder().clusters("east", "west").clusterSize(2)
                .configure((member, builder) -> builder.configString(CONFIG)
                        .serverName(member.clusterName() + "-" + member.index()).monitorPort(-1))
                .start();
        system = Nats.connect(new Options.Builder().server(regions.cluster(0).member(0).clientUrl())
                .userInfo("sys", "sys").connectionTimeout(Duration.ofSeconds(10)).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> ping("$SYS.REQ.SERVER.PING", "").size() == 4);
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.close();
        }
        if (regions != null) {
            regions.close();
        }
    }

    private static List<JsonNode> ping(String subject, String body) throws Exception {
        return SystemRequests.gather(system, subject, body, 4, QUIET, MAX);
    }

    @Test
    void everyServerOfEveryClusterAnswersThePing() throws Exception {
        Set<String> names = new TreeSet<>();
        for (JsonNode reply : ping("$SYS.REQ.SERVER.PING", "")) {
            names.add(reply.path("server").path("name").asText() + "@" + reply.path("server").path("cluster").asText());
        }
        assertThat(names).containsExactly("east-0@east", "east-1@east", "west-0@west", "west-1@west");
        assertThat(ping("$SYS.REQ.SERVER.PING.VARZ", "")).hasSize(4);
    }

    @Test
    void gatewayzOverTheSystemAccountHasTheFieldsOfTheMonitoringEndpoint() throws Exception {
        List<JsonNode> replies = ping("$SYS.REQ.SERVER.PING.GATEWAYZ", "{\"accounts\":true,\"account_name\":\"APP\"}");
        assertThat(replies).hasSize(4);
        for (JsonNode reply : replies) {
            JnatsdServer server = byId(reply.path("server").path("id").asText());
            JsonNode data = reply.path("data");
            JsonNode http = httpJson(server, "/gatewayz?accs=1&acc_name=APP");
            assertThat(fieldPaths(data, "")).isEqualTo(fieldPaths(http, ""));
            assertThat(data.path("name").asText()).isEqualTo(server.server().gateways().name());
            JsonNode outbound = data.path("outbound_gateways").elements().next();
            assertThat(outbound.path("accounts")).hasSize(1);
            assertThat(outbound.path("accounts").get(0).path("name").asText()).isEqualTo("APP");
        }
    }

    @Test
    void gatewayzListsTheRemoteInterestOfAnAccountWithSubs() throws Exception {
        JnatsdServer east = regions.cluster(0).member(0);
        JsonNode unknown = httpJson(east, "/gatewayz?gw_name=nowhere");
        assertThat(unknown.path("outbound_gateways").isNull()).as("nil map, as nats-server").isTrue();
        assertThat(unknown.path("inbound_gateways").isObject()).isTrue();

        JsonNode listed = httpJson(east, "/gatewayz?acc_name=SYS&subs=1");
        JsonNode account = listed.path("outbound_gateways").path("west").path("accounts").get(0);
        assertThat(account.path("name").asText()).isEqualTo("SYS");
        List<String> subjects = new ArrayList<>();
        account.path("subscriptions_list").forEach(subject -> subjects.add(subject.asText()));
        assertThat(subjects).hasSize(account.path("num_subs").asInt()).contains("$SYS.REQ.SERVER.PING");

        JsonNode detail = httpJson(east, "/gatewayz?acc_name=SYS&subs=detail")
                .path("outbound_gateways").path("west").path("accounts").get(0).path("subscriptions_list_detail").get(0);
        assertThat(fieldPaths(detail, "")).containsExactly("cid", "msgs", "sid", "subject");
        assertThat(detail.path("sid").asText()).isEmpty();
    }

    @Test
    void metricsHaveALinePerGatewayConnection() throws Exception {
        JnatsdServer east = regions.cluster(0).member(0);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(east.monitorUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        String metrics = response.body();
        int inbound = east.server().gateways().inboundViews().size();
        assertThat(metrics).contains("jnatsd_gateways{direction=\"outbound\"} 1\n")
                .contains("jnatsd_gateways{direction=\"inbound\"} " + inbound + "\n")
                .containsPattern("jnatsd_gateway_up\\{gateway=\"west\",direction=\"outbound\",cid=\"\\d+\",remote_id=\"N\\w+\"} 1")
                .contains("# TYPE jnatsd_gateway_out_msgs_total counter");
    }

    private static JnatsdServer byId(String id) {
        for (var cluster : regions.clusters()) {
            for (JnatsdServer member : cluster.members()) {
                if (member.server().serverId().equals(id)) {
                    return member;
                }
            }
        }
        throw new AssertionError("no server " + id);
    }

    private static JsonNode httpJson(JnatsdServer server, String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.monitorUrl() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return SystemRequests.parse(response.body());
    }

    /** Every field path of a document (array elements merged), to compare shapes, not values. */
    private static Set<String> fieldPaths(JsonNode node, String prefix) {
        Set<String> paths = new TreeSet<>();
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                boolean mapOfRemotes = prefix.endsWith("_gateways");
                String path = prefix.isEmpty() ? name : prefix + "." + (mapOfRemotes ? "*" : name);
                paths.add(path);
                paths.addAll(fieldPaths(node.get(name), path));
            }
        } else if (node.isArray()) {
            node.forEach(element -> paths.addAll(fieldPaths(element, prefix + "[]")));
        }
        return paths;
    }
}
