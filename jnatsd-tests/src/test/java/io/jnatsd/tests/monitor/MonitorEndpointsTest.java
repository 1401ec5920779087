package io.jnatsd.tests.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
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
 * Every endpoint of one server with known client activity: a subscriber "sub-a" (orders.> and
 * two queue subscriptions on work), a publisher "pub-b" that sent three messages to orders.new,
 * and a client "gone" that subscribed to x and closed.
 */
class MonitorEndpointsTest {
    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z";
    static final String UPTIME = "(\\d+y)?(\\d+d)?(\\d+h)?(\\d+m)?\\d+s";
    static final String GO_DURATION = "0s|[0-9.]+(ns|µs|ms|s)|([0-9]+h)?([0-9]+m)?[0-9.]+s";

    static JnatsdServer server;
    static MonitorHttp http;
    static Connection subscriber;
    static Connection publisher;
    static long goneCid;

    @BeforeAll
    static void start() throws Exception {
        server = JnatsdServer.builder().monitorPort(-1).start();
        http = new MonitorHttp(server.monitorUrl());
        subscriber = connect("sub-a");
        Subscription orders = subscriber.subscribe("orders.>");
        subscriber.subscribe("work", "workers");
        subscriber.subscribe("work", "workers");
        subscriber.flush(Duration.ofSeconds(2));
        publisher = connect("pub-b");
        for (int i = 0; i < 3; i++) {
            publisher.publish("orders.new", "hello".getBytes(StandardCharsets.UTF_8));
        }
        publisher.flush(Duration.ofSeconds(2));
        for (int i = 0; i < 3; i++) {
            assertThat(orders.nextMessage(Duration.ofSeconds(2))).isNotNull();
        }
        Connection gone = connect("gone");
        gone.subscribe("x");
        gone.flush(Duration.ofSeconds(2));
        goneCid = http.json("/connz").get("connections").get(2).get("cid").asLong();
        gone.close();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> http.json("/connz?state=closed").get("total").asInt() == 1);
    }

    static Connection connect(String name) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl()).connectionName(name)
                .connectionTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterAll
    static void stop() throws Exception {
        subscriber.close();
        publisher.close();
        server.close();
    }

    @Test
    void varzHasEveryFieldWithNatsServerTypesAndFormats() throws Exception {
        JsonNode varz = http.json("/varz");
        assertThat(fieldNames(varz)).containsExactly("server_id", "server_name", "version", "proto", "go", "host",
                "port", "max_connections", "ping_interval", "ping_max", "http_host", "http_port", "http_base_path",
                "https_port", "auth_timeout", "max_control_line", "max_payload", "max_pending", "cluster", "gateway",
                "leaf", "mqtt", "websocket", "jetstream", "tls_timeout", "write_deadline", "start", "now", "uptime",
                "mem", "cores", "gomaxprocs", "cpu", "connections", "total_connections", "routes", "remotes",
                "leafnodes", "in_msgs", "out_msgs", "in_bytes", "out_bytes", "slow_consumers", "subscriptions",
                "http_req_stats", "config_load_time", "system_account", "slow_consumer_stats");
        assertThat(varz.get("server_id").asText()).isEqualTo(server.server().serverId()).hasSize(56);
        assertThat(varz.get("ping_interval").isIntegralNumber()).isTrue();
        assertThat(varz.get("ping_interval").asLong()).isEqualTo(120_000_000_000L);
        assertThat(varz.get("write_deadline").asLong()).isEqualTo(10_000_000_000L);
        assertThat(varz.get("auth_timeout").asDouble()).isEqualTo(2.0);
        assertThat(varz.get("tls_timeout").asDouble()).isEqualTo(2.0);
        assertThat(varz.get("http_port").asInt()).isEqualTo(server.monitorPort());
        assertThat(varz.get("port").asInt()).isEqualTo(server.port());
        assertThat(varz.get("start").asText()).matches(TIMESTAMP);
        assertThat(varz.get("now").asText()).matches(TIMESTAMP);
        assertThat(varz.get("config_load_time").asText()).matches(TIMESTAMP);
        assertThat(varz.get("uptime").asText()).matches(UPTIME);
        assertThat(varz.get("mem").asLong()).isPositive();
        assertThat(varz.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(varz.get("gomaxprocs").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(varz.get("cpu").isNumber()).isTrue();
        assertThat(varz.get("connections").asInt()).isEqualTo(2);
        assertThat(varz.get("total_connections").asInt()).isEqualTo(3);
        assertThat(varz.get("subscriptions").asInt()).isEqualTo(3 + systemSubscriptions());
        assertThat(varz.get("in_msgs").asLong()).isEqualTo(3);
        assertThat(varz.get("out_msgs").asLong()).isEqualTo(3);
        assertThat(varz.get("in_bytes").asLong()).isEqualTo(15);
        assertThat(varz.get("out_bytes").asLong()).isEqualTo(15);
        assertThat(varz.get("cluster").isEmpty()).isTrue();
        assertThat(varz.get("http_req_stats").get("/varz").asInt()).isPositive();
        assertThat(varz.get("system_account").asText()).isEqualTo("$SYS");
        assertThat(fieldNames(varz.get("slow_consumer_stats"))).containsExactly("clients", "routes", "gateways", "leafs");
    }

    @Test
    void jsonIsIndentedLikeGoMarshalIndentWithoutTrailingNewline() throws Exception {
        String body = http.get("/varz").body();
        assertThat(body).startsWith("{\n  \"server_id\": \"N").endsWith("\n}");
        assertThat(body).contains("\n  \"cluster\": {},\n  \"gateway\": {},\n");
        assertThat(body).contains("\n  \"auth_timeout\": 2,\n");
        assertThat(body).contains("\n  \"slow_consumer_stats\": {\n    \"clients\": 0,\n");
    }

    @Test
    void requestsAreCountedPerEndpointPath() throws Exception {
        long before = http.json("/varz").get("http_req_stats").path("/subsz").asLong();
        http.get("/subsz");
        http.get("/subscriptionsz");
        JsonNode stats = http.json("/varz").get("http_req_stats");
        assertThat(stats.get("/subsz").asLong()).isEqualTo(before + 2);
        assertThat(stats.has("/subscriptionsz")).isFalse();
    }

    @Test
    void connzListsOpenClientsWithCountsAndFormats() throws Exception {
        JsonNode connz = http.json("/connz");
        assertThat(fieldNames(connz)).containsExactly("server_id", "now", "num_connections", "total", "offset", "limit",
                "connections");
        assertThat(connz.get("num_connections").asInt()).isEqualTo(2);
        assertThat(connz.get("total").asInt()).isEqualTo(2);
        assertThat(connz.get("limit").asInt()).isEqualTo(1024);
        JsonNode sub = connz.get("connections").get(0);
        assertThat(fieldNames(sub)).containsExactly("cid", "kind", "type", "ip", "port", "start", "last_activity", "rtt",
                "uptime", "idle", "pending_bytes", "in_msgs", "out_msgs", "in_bytes", "out_bytes", "subscriptions",
                "name", "lang", "version");
        assertThat(sub.get("kind").asText()).isEqualTo("Client");
        assertThat(sub.get("type").asText()).isEqualTo("nats");
        assertThat(sub.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(sub.get("name").asText()).isEqualTo("sub-a");
        assertThat(sub.get("lang").asText()).isEqualTo("java");
        assertThat(sub.get("subscriptions").asInt()).isEqualTo(3);
        assertThat(sub.get("out_msgs").asLong()).isEqualTo(3);
        assertThat(sub.get("out_bytes").asLong()).isEqualTo(15);
        assertThat(sub.get("start").asText()).matches(TIMESTAMP);
        assertThat(sub.get("last_activity").asText()).matches(TIMESTAMP);
        assertThat(sub.get("rtt").asText()).matches(GO_DURATION);
        assertThat(sub.get("uptime").asText()).matches(UPTIME);
        JsonNode pub = connz.get("connections").get(1);
        assertThat(pub.get("name").asText()).isEqualTo("pub-b");
        assertThat(pub.get("in_msgs").asLong()).isEqualTo(3);
        assertThat(pub.get("in_bytes").asLong()).isEqualTo(15);
        assertThat(pub.get("subscriptions").asInt()).isZero();
    }

    @Test
    void connzListsSubscriptionsAsSubjectsOrDetails() throws Exception {
        JsonNode listed = http.json("/connz?subs=1").get("connections");
        assertThat(texts(listed.get(0).get("subscriptions_list"))).containsExactlyInAnyOrder("orders.>", "work", "work");
        assertThat(listed.get(1).has("subscriptions_list")).isFalse();

        JsonNode detailed = http.json("/connz?subs=detail").get("connections").get(0);
        assertThat(detailed.has("subscriptions_list")).isFalse();
        List<String> queues = new ArrayList<>();
        for (JsonNode detail : detailed.get("subscriptions_list_detail")) {
            assertThat(fieldNames(detail)).containsAnyOf("subject").contains("sid", "msgs", "cid");
            assertThat(detail.get("cid").asLong()).isEqualTo(detailed.get("cid").asLong());
            queues.add(detail.path("qgroup").asText("-"));
        }
        assertThat(queues).containsExactlyInAnyOrder("-", "workers", "workers");
        assertThat(http.get("/connz?subs=1").body()).contains("\"orders.\\u003e\"");
    }

    @Test
    void connzWithAuthShowsNoAccountForTheGlobalOne() throws Exception {
        JsonNode sub = http.json("/connz?auth=1").get("connections").get(0);
        assertThat(sub.has("account")).isFalse();
        assertThat(sub.has("authorized_user")).isFalse();
    }

    @Test
    void connzSortsPagesAndFindsOneCid() throws Exception {
        assertThat(names(http.json("/connz?sort=msgs_from"))).containsExactly("pub-b", "sub-a");
        assertThat(names(http.json("/connz?sort=subs"))).containsExactly("sub-a", "pub-b");
        assertThat(names(http.json("/connz?sort=bytes_to"))).containsExactly("sub-a", "pub-b");
        for (String key : List.of("cid", "start", "pending", "msgs_to", "bytes_from", "last", "idle", "uptime", "rtt")) {
            assertThat(http.json("/connz?sort=" + key).get("num_connections").asInt()).as(key).isEqualTo(2);
        }
        JsonNode page = http.json("/connz?offset=1&limit=1");
        assertThat(page.get("num_connections").asInt()).isEqualTo(1);
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(names(page)).containsExactly("pub-b");
        assertThat(http.json("/connz?offset=5").get("connections")).isEmpty();

        long pubCid = http.json("/connz").get("connections").get(1).get("cid").asLong();
        JsonNode one = http.json("/connz?cid=" + pubCid);
        assertThat(names(one)).containsExactly("pub-b");
        assertThat(one.get("limit").asInt()).isEqualTo(1);
        assertThat(http.json("/connz?cid=99999").get("num_connections").asInt()).isZero();
    }

    @Test
    void connzShowsClosedConnectionsWithStopAndReason() throws Exception {
        JsonNode closed = http.json("/connz?state=closed&subs=1");
        assertThat(closed.get("total").asInt()).isEqualTo(1);
        JsonNode gone = closed.get("connections").get(0);
        assertThat(gone.get("cid").asLong()).isEqualTo(goneCid);
        assertThat(gone.get("name").asText()).isEqualTo("gone");
        assertThat(gone.get("stop").asText()).matches(TIMESTAMP);
        assertThat(gone.get("reason").asText()).isEqualTo("Client Closed");
        assertThat(texts(gone.get("subscriptions_list"))).containsExactly("x");
        assertThat(fieldNames(gone)).containsSequence("last_activity", "stop", "reason", "rtt");

        assertThat(http.json("/connz?state=any").get("total").asInt()).isEqualTo(3);
        assertThat(http.json("/connz?state=closed&sort=stop").get("num_connections").asInt()).isEqualTo(1);
        assertThat(http.json("/connz?state=closed&sort=reason").get("num_connections").asInt()).isEqualTo(1);
        assertThat(http.json("/connz?state=closed&cid=" + goneCid).get("num_connections").asInt()).isEqualTo(1);
    }

    @Test
    void connzFiltersByAccountAndUser() throws Exception {
        assertThat(http.json("/connz?acc=$G").get("total").asInt()).isEqualTo(2);
        JsonNode unknown = http.json("/connz?acc=nope");
        assertThat(unknown.get("server_id").asText()).isEmpty();
        assertThat(unknown.get("connections").isNull()).isTrue();
        JsonNode byUser = http.json("/connz?user=nobody");
        assertThat(byUser.get("num_connections").asInt()).isZero();
        assertThat(byUser.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void badQueriesGetNatsServerTexts() throws Exception {
        assertBadRequest("/connz?sort=bogus", "invalid sorting option: bogus");
        assertBadRequest("/connz?sort=stop", "sort by stop only valid on closed connections");
        assertBadRequest("/connz?state=any&sort=reason", "sort by reason only valid on closed connections");
        assertBadRequest("/connz?state=bogus", "Error decoding state for bogus");
        assertBadRequest("/connz?subs=maybe",
                "Error decoding boolean for 'subs': strconv.ParseBool: parsing \"maybe\": invalid syntax");
        assertBadRequest("/connz?offset=x", "Error decoding int for 'offset': strconv.Atoi: parsing \"x\": invalid syntax");
        assertBadRequest("/connz?cid=abc",
                "Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"abc\": invalid syntax");
        assertBadRequest("/subsz?test=orders.*", "invalid test subject, must be valid publish subject: orders.*");
        assertBadRequest("/accountz?acc=nope", "Account nope does not exist");
        assertBadRequest("/accstatz?unused=2",
                "Error decoding boolean for 'unused': strconv.ParseBool: parsing \"2\": invalid syntax");
    }

    @Test
    void subszWithoutListShowsOnlyStatistics() throws Exception {
        JsonNode subsz = http.json("/subsz");
        assertThat(fieldNames(subsz)).containsExactly("num_subscriptions", "num_cache", "num_inserts", "num_removes",
                "num_matches", "cache_hit_rate", "max_fanout", "avg_fanout");
        assertThat(subsz.get("num_subscriptions").asInt()).isEqualTo(3 + systemSubscriptions());
        assertThat(subsz.get("num_inserts").asInt()).isEqualTo(4 + systemSubscriptions());
        assertThat(subsz.get("num_removes").asInt()).isEqualTo(1);
        assertThat(subsz.get("cache_hit_rate").isNumber()).isTrue();
        assertThat(http.json("/subscriptionsz")).isEqualTo(http.json("/subsz"));
    }

    @Test
    void subszListsLocalSubscriptionsMatchingATestSubject() throws Exception {
        JsonNode all = http.json("/subsz?subs=1");
        assertThat(fieldNames(all)).containsExactly("server_id", "now", "num_subscriptions", "num_cache", "num_inserts",
                "num_removes", "num_matches", "cache_hit_rate", "max_fanout", "avg_fanout", "total", "offset", "limit",
                "subscriptions_list");
        // The 3 client subscriptions plus the system account's internal ones (cid 0: server
        // requests, per-account requests, the accounts' connection counts and their replies, the
        // servers' STATSZ heartbeats and SHUTDOWN events, user info) and $G's 4 system imports,
        // which nats-server lists too.
        assertThat(all.get("total").asInt()).isEqualTo(3 + systemSubscriptions());
        JsonNode entry = http.json("/subsz?subs=1&acc=$G").get("subscriptions_list").get(0);
        assertThat(fieldNames(entry)).startsWith("account", "subject").contains("sid", "msgs", "cid");
        assertThat(entry.get("account").asText()).isEqualTo("$G");

        JsonNode tested = http.json("/subsz?subs=1&test=orders.new");
        assertThat(tested.get("total").asInt()).isEqualTo(1);
        assertThat(tested.get("subscriptions_list").get(0).get("subject").asText()).isEqualTo("orders.>");
        assertThat(http.json("/subsz?subs=1&test=work").get("total").asInt()).isEqualTo(2);
        assertThat(http.json("/subsz?subs=1&limit=2").get("subscriptions_list")).hasSize(2);
        assertThat(http.json("/subsz?subs=1&test=nothing.here").has("server_id")).isFalse();
        assertThat(http.json("/subsz?acc=nope").get("num_subscriptions").asInt()).isZero();
    }

    @Test
    void accountzListsAccountsAndDescribesOne() throws Exception {
        JsonNode accountz = http.json("/accountz");
        assertThat(fieldNames(accountz)).containsExactly("server_id", "now", "system_account", "accounts");
        assertThat(texts(accountz.get("accounts"))).containsExactly("$G", "$SYS");

        JsonNode detail = http.json("/accountz?acc=$G").get("account_detail");
        assertThat(fieldNames(detail)).containsExactly("account_name", "update_time", "expired", "complete",
                "jetstream_enabled", "leafnode_connections", "client_connections", "subscriptions", "imports",
                "sublist_stats");
        assertThat(detail.get("client_connections").asInt()).isEqualTo(2);
        assertThat(detail.get("subscriptions").asInt()).isEqualTo(3 + SYSTEM_IMPORTS_IN_GLOBAL);
        assertThat(detail.get("sublist_stats").get("num_subscriptions").asInt()).isEqualTo(3 + SYSTEM_IMPORTS_IN_GLOBAL);
        assertThat(detail.get("imports")).hasSize(SYSTEM_IMPORTS_IN_GLOBAL);
        assertThat(http.json("/accountz?acc=$SYS").get("account_detail").get("is_system").asBoolean()).isTrue();
    }

    @Test
    void accstatzReportsAccountsWithConnectionsAndTheirTraffic() throws Exception {
        JsonNode statz = http.json("/accstatz").get("account_statz");
        assertThat(statz).hasSize(1);
        JsonNode global = statz.get(0);
        assertThat(fieldNames(global)).containsExactly("acc", "conns", "leafnodes", "total_conns", "num_subscriptions",
                "sent", "received", "slow_consumers");
        assertThat(global.get("acc").asText()).isEqualTo("$G");
        assertThat(global.get("conns").asInt()).isEqualTo(2);
        assertThat(global.get("sent").get("msgs").asLong()).isEqualTo(3);
        assertThat(global.get("received").get("bytes").asLong()).isEqualTo(15);
        assertThat(http.json("/accstatz?unused=1").get("account_statz")).hasSize(2);
    }

    @Test
    void routezLeafzGatewayzAndJszAreEmptyButWellFormed() throws Exception {
        JsonNode routez = http.json("/routez?subs=1");
        assertThat(fieldNames(routez)).containsExactly("server_id", "server_name", "now", "num_routes", "routes");
        assertThat(routez.get("num_routes").asInt()).isZero();
        assertThat(routez.get("routes").isArray()).isTrue();
        JsonNode leafz = http.json("/leafz");
        assertThat(fieldNames(leafz)).containsExactly("server_id", "now", "leafnodes", "leafs");
        JsonNode gatewayz = http.json("/gatewayz");
        assertThat(fieldNames(gatewayz)).containsExactly("server_id", "now", "outbound_gateways", "inbound_gateways");
        assertThat(gatewayz.get("outbound_gateways").isObject()).isTrue();
        JsonNode jsz = http.json("/jsz");
        assertThat(jsz.get("disabled").asBoolean()).isTrue();
        assertThat(http.get("/routez").body()).contains("\"routes\": []");
    }

    @Test
    void healthzIsCompactAndAnswersAnyMethod() throws Exception {
        HttpResponse<String> get = http.get("/healthz");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(http.send("/healthz", "POST").statusCode()).isEqualTo(200);
        assertThat(http.send("/varz", "DELETE").statusCode()).isEqualTo(200);
    }

    @Test
    void callbackWrapsJsonAsJsonp() throws Exception {
        HttpResponse<String> response = http.get("/healthz?callback=cb");
        assertThat(response.body()).isEqualTo("cb({\"status\":\"ok\"})");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/javascript");
        assertThat(http.get("/varz?callback=cb").body()).startsWith("cb({\n").endsWith("\n})");
    }

    @Test
    void unknownPathsAre404AndTheIndexLinksEveryEndpoint() throws Exception {
        HttpResponse<String> missing = http.get("/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("404 page not found\n");
        assertThat(http.get("/varz/").statusCode()).isEqualTo(404);
        HttpResponse<String> index = http.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        for (String endpoint : List.of("varz", "jsz", "connz", "accountz", "accstatz", "subsz", "routez", "leafz",
                "gatewayz", "healthz")) {
            assertThat(index.body()).contains("href=./" + endpoint + ">");
        }
    }

    /** The system account's internal subscriptions, counted as nats-server counts its own. */
    /**
     * The system client's requests, and the system services every account imports (4 in {@code $G},
     * 1 in {@code $SYS}), which nats-server counts as subscriptions too.
     */
    static int systemSubscriptions() {
        int internal = server.server().accounts().get("$SYS").subscriptions().count();
        assertThat(internal).as("the system client's requests").isPositive();
        return internal + SYSTEM_IMPORTS_IN_GLOBAL;
    }

    /** The system service imports of {@code $G} (SystemServiceImports). */
    static final int SYSTEM_IMPORTS_IN_GLOBAL = 4;

    static void assertBadRequest(String path, String text) throws Exception {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.body()).as(path).isEqualTo(text);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    static List<String> names(JsonNode connz) {
        List<String> names = new ArrayList<>();
        connz.get("connections").forEach(connection -> names.add(connection.get("name").asText()));
        return names;
    }
}
