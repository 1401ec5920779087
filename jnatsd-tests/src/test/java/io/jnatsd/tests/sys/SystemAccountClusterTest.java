package io.jnatsd.tests.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.tests.cluster.SeededCluster;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system account's requests and advisories across a 3-server cluster, through real jnats
 * clients logged in to the configured system account {@code SYS}.
 */
class SystemAccountClusterTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration MAX = Duration.ofSeconds(3);

    @TempDir
    static Path dir;
    static SeededCluster cluster;
    static Connection system;

    @BeforeAll
    static void start() throws Exception {
        Path conf = dir.resolve("sys.conf");
        Files.writeString(conf, """
                accounts {
                  SYS { users [ {user: sys, password: sys} ] }
                  APP { users [ {user: app, password: app} ] }
                }
                system_account: SYS
                """);
        ServerOptions options = ConfigLoader.load(conf);
        cluster = SeededCluster.start(3, () -> options.toBuilder().host("127.0.0.1").port(-1));
        system = connect(cluster.get(0), "sys");
        // Ready once every server's system client answers through the routes.
        await().atMost(Duration.ofSeconds(10)).until(() -> ping("$SYS.REQ.SERVER.PING", "").size() == 3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Connection connect(JnatsdServer server, String user) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl()).userInfo(user, user)
                .connectionName(user + "-client").connectionTimeout(Duration.ofSeconds(10)).build());
    }

    private static List<JsonNode> ping(String subject, String body) throws Exception {
        return SystemRequests.gather(system, subject, body, 3, QUIET, MAX);
    }

    private static Set<String> serverIds() {
        return cluster.servers().stream().map(s -> s.server().serverId()).collect(Collectors.toSet());
    }

    @Test
    void pingIsAnsweredByEveryServerWithItsInfoAndStatistics() throws Exception {
        // active_servers counts the servers heard on $SYS (their first heartbeats come within a second).
        await().atMost(Duration.ofSeconds(5)).until(() -> ping("$SYS.REQ.SERVER.PING", "").stream()
                .allMatch(r -> r.path("statsz").path("active_servers").asInt() == 3));
        List<JsonNode> replies = ping("$SYS.REQ.SERVER.PING", "");

        assertThat(replies).hasSize(3);
        assertThat(replies.stream().map(r -> r.path("server").path("id").asText())).containsExactlyInAnyOrderElementsOf(
                serverIds());
        for (JsonNode reply : replies) {
            JsonNode server = reply.path("server");
            assertThat(server.path("name").asText()).matches("s[123]");
            assertThat(server.path("host").asText()).isEqualTo("127.0.0.1");
            assertThat(server.path("cluster").asText()).isEqualTo("C");
            assertThat(server.path("ver").asText()).isNotEmpty();
            assertThat(server.path("jetstream").isBoolean()).isTrue();
            assertThat(server.path("seq").asLong()).isPositive();
            assertThat(server.path("time").asText()).endsWith("Z");
            JsonNode statsz = reply.path("statsz");
            assertThat(statsz.path("mem").asLong()).isPositive();
            assertThat(statsz.path("subscriptions").asLong()).isPositive();
            assertThat(statsz.path("routes")).hasSize(8);
            assertThat(statsz.path("active_servers").asInt()).isEqualTo(3);
        }
        JsonNode fromFirst = replies.stream()
                .filter(r -> r.path("server").path("name").asText().equals("s1")).findFirst().orElseThrow();
        assertThat(fromFirst.path("statsz").path("connections").asInt()).isEqualTo(1);
    }

    @Test
    void pingEndpointsCarryEachServersMonitoringDocument() throws Exception {
        for (String endpoint : List.of("VARZ", "CONNZ", "ROUTEZ", "SUBSZ", "HEALTHZ")) {
            List<JsonNode> replies = ping("$SYS.REQ.SERVER.PING." + endpoint, "");
            assertThat(replies).as(endpoint).hasSize(3);
            for (JsonNode reply : replies) {
                String id = reply.path("server").path("id").asText();
                JsonNode data = reply.path("data");
                assertThat(reply.has("error")).as(endpoint).isFalse();
                switch (endpoint) {
                    case "VARZ" -> {
                        assertThat(data.path("server_id").asText()).isEqualTo(id);
                        assertThat(data.path("server_name").asText()).isEqualTo(reply.path("server").path("name").asText());
                        assertThat(data.path("routes").asInt()).isEqualTo(8);
                        assertThat(data.path("system_account").asText()).isEqualTo("SYS");
                    }
                    case "CONNZ" -> {
                        assertThat(data.path("server_id").asText()).isEqualTo(id);
                        assertThat(data.path("connections").isArray()).isTrue();
                    }
                    case "ROUTEZ" -> {
                        assertThat(data.path("server_id").asText()).isEqualTo(id);
                        assertThat(data.path("num_routes").asInt()).isEqualTo(8);
                        assertThat(data.path("routes").findValuesAsText("remote_id")).doesNotContain(id);
                    }
                    case "SUBSZ" -> {
                        assertThat(data.path("server_id").asText()).isEqualTo(id);
                        assertThat(data.path("num_subscriptions").asLong()).isPositive();
                        assertThat(data.has("total")).isTrue();
                    }
                    default -> {
                        assertThat(data.path("status").asText()).isEqualTo("ok");
                        assertThat(data.path("status_code").asInt()).isEqualTo(200);
                    }
                }
            }
        }
    }

    @Test
    void aServersOwnSubjectReachesOnlyThatServerAndHonoursTheOptions() throws Exception {
        JnatsdServer third = cluster.get(2);
        try (Connection app = connect(third, "app")) {
            app.subscribe("orders.>");
            app.flush(Duration.ofSeconds(5));
            String subject = "$SYS.REQ.SERVER." + third.server().serverId() + ".CONNZ";
            List<JsonNode> replies = SystemRequests.gather(system, subject, "{\"subscriptions\":true,\"auth\":true}",
                    1, QUIET, MAX);

            assertThat(replies).hasSize(1);
            JsonNode connections = replies.get(0).path("data").path("connections");
            assertThat(connections).hasSize(1);
            assertThat(connections.get(0).path("name").asText()).isEqualTo("app-client");
            assertThat(connections.get(0).path("account").asText()).isEqualTo("APP");
            assertThat(connections.get(0).path("subscriptions_list").get(0).asText()).isEqualTo("orders.>");
        }
    }

    @Test
    void aFilterByServerNameSelectsTheServersThatAnswer() throws Exception {
        List<JsonNode> replies = SystemRequests.gather(system, "$SYS.REQ.SERVER.PING.HEALTHZ",
                "{\"server_name\":\"s2\"}", 1, QUIET, MAX);

        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).path("server").path("name").asText()).isEqualTo("s2");
    }

    @Test
    void optionsTheEndpointRejectsAreAnsweredWithAnError() throws Exception {
        List<JsonNode> replies = ping("$SYS.REQ.SERVER.PING.CONNZ", "{\"sort\":\"bogus\"}");
        assertThat(replies).hasSize(3).allSatisfy(reply -> {
            assertThat(reply.path("data").isNull()).isTrue();
            assertThat(reply.path("error").path("code").asInt()).isEqualTo(500);
            assertThat(reply.path("error").path("description").asText()).isEqualTo("invalid sorting option: bogus");
        });

        List<JsonNode> malformed = ping("$SYS.REQ.SERVER.PING.VARZ", "{bad");
        assertThat(malformed).hasSize(3).allSatisfy(reply -> {
            assertThat(reply.has("data")).isFalse();
            assertThat(reply.path("error").path("code").asInt()).isEqualTo(400);
        });
    }

    @Test
    void connectAndDisconnectAdvisoriesArriveFromAnotherServer() throws Exception {
        Subscription advisories = system.subscribe("$SYS.ACCOUNT.APP.>");
        system.flush(Duration.ofSeconds(5));
        // The replies prove every peer has taken in the new interest (same route connection, in order).
        assertThat(ping("$SYS.REQ.SERVER.PING.HEALTHZ", "")).hasSize(3);
        JnatsdServer third = cluster.get(2);
        Connection app = connect(third, "app");
        app.publish("orders.new", "hello".getBytes());
        app.flush(Duration.ofSeconds(5));
        app.close();

        Message connect = nextAdvisory(advisories);
        Message disconnect = nextAdvisory(advisories);
        assertThat(connect).isNotNull();
        assertThat(disconnect).isNotNull();
        assertThat(connect.getSubject()).isEqualTo("$SYS.ACCOUNT.APP.CONNECT");
        assertThat(disconnect.getSubject()).isEqualTo("$SYS.ACCOUNT.APP.DISCONNECT");

        JsonNode connected = SystemRequests.parse(connect.getData());
        assertThat(connected.path("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_connect");
        assertThat(connected.path("id").asText()).hasSize(22);
        assertThat(connected.path("server").path("id").asText()).isEqualTo(third.server().serverId());
        JsonNode client = connected.path("client");
        assertThat(client.path("acc").asText()).isEqualTo("APP");
        assertThat(client.path("user").asText()).isEqualTo("app");
        assertThat(client.path("name").asText()).isEqualTo("app-client");
        assertThat(client.path("lang").asText()).isEqualTo("java");
        assertThat(client.path("kind").asText()).isEqualTo("Client");

        JsonNode disconnected = SystemRequests.parse(disconnect.getData());
        assertThat(disconnected.path("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_disconnect");
        assertThat(disconnected.path("client").path("id").asLong()).isEqualTo(client.path("id").asLong());
        assertThat(disconnected.path("client").path("stop").asText()).endsWith("Z");
        assertThat(disconnected.path("sent").path("msgs").asLong()).isEqualTo(1);
        assertThat(disconnected.path("sent").path("bytes").asLong()).isEqualTo(5);
        assertThat(disconnected.path("reason").asText()).isEqualTo("Client Closed");
        assertThat(disconnected.path("server").path("seq").asLong())
                .isGreaterThan(connected.path("server").path("seq").asLong());
        advisories.unsubscribe();
    }

    /** The next connect or disconnect advisory; the account's connection counts (SERVER.CONNS) come in between. */
    private static Message nextAdvisory(Subscription advisories) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            Message message = advisories.nextMessage(Duration.ofSeconds(5));
            if (message == null || !message.getSubject().endsWith(".SERVER.CONNS")) {
                return message;
            }
        }
        return null;
    }

    @Test
    void debugSubscribersCountsTheAccountsSubscribersOnEveryServer() throws Exception {
        try (Connection second = connect(cluster.get(1), "sys"); Connection third = connect(cluster.get(2), "sys")) {
            system.subscribe("dbg.x");
            second.subscribe("dbg.x");
            second.subscribe("dbg.x", "q");
            third.subscribe("dbg.x");
            third.subscribe("dbg.*");
            second.flush(Duration.ofSeconds(5));
            third.flush(Duration.ofSeconds(5));
            // The first server counts the others once they reported their system connections.
            await().atMost(Duration.ofSeconds(5)).until(() -> subscribers("dbg.x") == 5);
            assertThat(subscribers("dbg.x q")).isEqualTo(1);
            assertThat(subscribers("dbg.*")).as("the subscriptions inside the wildcard").isEqualTo(5);
            assertThat(subscribers("dbg.>")).isEqualTo(5);
            assertThat(subscribers("dbg.y")).isEqualTo(1);
        }
    }

    private static int subscribers(String body) throws Exception {
        Message answer = system.request("$SYS.DEBUG.SUBSCRIBERS", body.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(2));
        return Integer.parseInt(new String(answer.getData(), StandardCharsets.UTF_8));
    }
}
