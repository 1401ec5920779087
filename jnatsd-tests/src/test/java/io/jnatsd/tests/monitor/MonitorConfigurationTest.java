package io.jnatsd.tests.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.ExportOptions;
import io.jnatsd.config.ExportOptions.ExportKind;
import io.jnatsd.config.ImportOptions;
import io.jnatsd.config.UserOptions;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monitoring under options that change its answers: base path, accounts with users, the closed ring, shutdown. */
class MonitorConfigurationTest {

    private static final List<AccountOptions> ACCOUNTS = List.of(
            new AccountOptions("APP", List.of(new UserOptions("app", "pw", null, null)),
                    List.of(new ExportOptions(ExportKind.SERVICE, "svc.>", List.of(), null),
                            new ExportOptions(ExportKind.STREAM, "feed.>", List.of("OTHER"), null)),
                    List.of()),
            new AccountOptions("OTHER", List.of(new UserOptions("other", "pw", null, null)), List.of(),
                    List.of(new ImportOptions(ExportKind.SERVICE, "APP", "svc.a", "mysvc"),
                            new ImportOptions(ExportKind.STREAM, "APP", "feed.>", null))));

    @Test
    void endpointsLiveBelowTheBasePathAndTheIndexLinksThere() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().monitorPort(-1);
        builder.options().httpBasePath("/mon/");
        try (JnatsdServer server = builder.start()) {
            MonitorHttp http = new MonitorHttp(server.monitorUrl());
            assertThat(http.json("/mon/varz").get("http_base_path").asText()).isEqualTo("/mon/");
            assertThat(http.get("/varz").statusCode()).isEqualTo(404);
            assertThat(http.get("/mon/").statusCode()).isEqualTo(404);
            HttpResponse<String> index = http.get("/mon");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("href=./mon/varz>", "href=./mon/healthz>");
            http.get("/mon/subscriptionsz");
            assertThat(http.json("/mon/varz").get("http_req_stats").get("/subsz").asInt()).isEqualTo(1);
        }
    }

    @Test
    void accountUsersAreShownWithTheirAccountAndAccountsWithTheirExportsAndImports() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().monitorPort(-1);
        builder.options().accounts(ACCOUNTS);
        try (JnatsdServer server = builder.start();
             Connection app = connect(server, "app")) {
            app.subscribe("svc.>");
            app.flush(Duration.ofSeconds(5));
            MonitorHttp http = new MonitorHttp(server.monitorUrl());
            assertThat(http.json("/varz").get("auth_required").asBoolean()).isTrue();

            JsonNode connection = http.json("/connz?auth=1").get("connections").get(0);
            assertThat(connection.get("authorized_user").asText()).isEqualTo("app");
            assertThat(connection.get("account").asText()).isEqualTo("APP");
            assertThat(http.json("/connz?acc=APP").get("total").asInt()).isEqualTo(1);
            assertThat(http.json("/connz?acc=OTHER").get("total").asInt()).isZero();
            assertThat(http.json("/connz?user=app").get("num_connections").asInt()).isEqualTo(1);

            JsonNode appDetail = http.json("/accountz?acc=APP").get("account_detail");
            assertThat(appDetail.get("client_connections").asInt()).isEqualTo(1);
            // The client's SUB plus the stream import OTHER holds on APP's feed.> (jnatsd binds
            // imports when the server starts; nats-server adds that interest when OTHER subscribes),
            // plus the 4 system service imports.
            assertThat(appDetail.get("subscriptions").asInt()).isEqualTo(6);
            JsonNode exports = appDetail.get("exports");
            assertThat(exports.get(0).toString())
                    .isEqualTo("{\"subject\":\"svc.>\",\"type\":\"service\",\"response_type\":\"Singleton\"}");
            assertThat(exports.get(1).toString())
                    .isEqualTo("{\"subject\":\"feed.>\",\"type\":\"stream\",\"approved_accounts\":[\"OTHER\"]}");
            // Only the system service imports every account gets while a system account exists.
            assertThat(appDetail.get("imports")).hasSize(4)
                    .allSatisfy(imported -> assertThat(imported.get("account").asText()).isEqualTo("$SYS"));

            JsonNode imports = http.json("/accountz?acc=OTHER").get("account_detail").get("imports");
            assertThat(imports.get(0).toString()).isEqualTo("{\"subject\":\"svc.a\",\"account\":\"APP\",\"to\":\"mysvc\","
                    + "\"local_subject\":\"mysvc\",\"type\":\"service\",\"invalid\":false,\"share\":false,\"tracking\":false}");
            assertThat(imports.get(1).has("to")).isFalse();
            assertThat(imports.get(1).get("type").asText()).isEqualTo("stream");

            JsonNode statz = http.json("/accstatz").get("account_statz");
            assertThat(statz).hasSize(1);
            assertThat(statz.get(0).get("acc").asText()).isEqualTo("APP");
            assertThat(texts(http.json("/accountz").get("accounts"))).containsExactly("$G", "$SYS", "APP", "OTHER");
            assertThat(http.json("/subsz?acc=APP").get("num_subscriptions").asInt()).isEqualTo(6);
            assertThat(http.json("/subsz?subs=1&acc=APP").get("subscriptions_list").get(0).get("account").asText())
                    .isEqualTo("APP");
        }
    }

    @Test
    void closedConnectionsAreKeptUpToMaxClosedClientsNewestLast() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().monitorPort(-1);
        builder.options().maxClosedClients(1);
        try (JnatsdServer server = builder.start()) {
            MonitorHttp http = new MonitorHttp(server.monitorUrl());
            connect(server, null, "first").close();
            await().atMost(Duration.ofSeconds(5)).until(() -> http.json("/connz?state=closed").get("total").asInt() == 1);
            connect(server, null, "second").close();
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    "second".equals(http.json("/connz?state=closed").get("connections").get(0).get("name").asText()));
            assertThat(http.json("/connz?state=closed").get("total").asInt()).isEqualTo(1);
            assertThat(http.json("/varz").get("total_connections").asInt()).isEqualTo(2);
        }
    }

    @Test
    void healthzAnswers503WhileTheServerShutsDown() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().monitorPort(-1).start()) {
            MonitorHttp http = new MonitorHttp(server.monitorUrl());
            server.server().shutdown();
            HttpResponse<String> health = http.get("/healthz");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body())
                    .isEqualTo("{\"status\":\"unavailable\",\"status_code\":503,\"error\":\"server is shutting down\"}");
        }
    }

    private static Connection connect(JnatsdServer server, String user) throws Exception {
        return connect(server, user, user);
    }

    private static Connection connect(JnatsdServer server, String user, String name) throws Exception {
        Options.Builder options = new Options.Builder().server(server.clientUrl()).connectionName(name)
                .connectionTimeout(Duration.ofSeconds(10));
        if (user != null) {
            options.userInfo(user, "pw");
        }
        return Nats.connect(options.build());
    }

    private static List<String> texts(JsonNode array) {
        return MonitorEndpointsTest.texts(array);
    }
}
