package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code Nats-Request-Info} header on requests that cross a service import, compared with
 * nats-server 2.10.27 in one mixed cluster: the requester's server writes it on every import, not
 * only shared ones ({@code acc} and {@code rtt}), adds {@code server} and {@code cluster} on the
 * system account's imports, and the whole ClientInfo on a shared import; a header the requester
 * forged is replaced; a message without a reply gets it too.
 */
class RequestInfoInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNTS = """
            system_account: SYS
            accounts {
              SYS { users [{user: sys, password: sys}] }
              A { users [{user: a, password: a}], exports [{service: svc}, {service: shared}] }
              B { users [{user: b, password: b}]
                  imports [{service: {account: A, subject: svc}},
                           {service: {account: A, subject: shared}, share: true}] }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void everyServiceImportStampsTheRequesterAsNatsServerDoes() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "RI", List.of(), "", ACCOUNTS)) {
            Path conf = dir.resolve("jnatsd.conf");
            Files.writeString(conf, "server_name: JN\nhost: 127.0.0.1\nport: -1\nhttp: 127.0.0.1:-1\n" + ACCOUNTS
                    + "cluster { name: RI, listen: 127.0.0.1:-1, routes: [\"nats-route://127.0.0.1:" + go.clusterPort
                    + "\"] }\n");
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf));
                 Connection responder = connect(jnatsd.clientUrl(), "a");
                 Connection system = connect(jnatsd.clientUrl(), "sys")) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jnatsd.server().cluster().remoteCount() == 1);
                Subscription requests = responder.subscribe("svc");
                Subscription shared = responder.subscribe("shared");
                Subscription statz = system.subscribe("$SYS.REQ.ACCOUNT.B.STATZ");
                responder.flush(Duration.ofSeconds(5));
                system.flush(Duration.ofSeconds(5));
                List<List<JsonNode>> byServer = new ArrayList<>();
                for (String url : List.of(go.clientUrl(), jnatsd.clientUrl())) {
                    try (Connection requester = connect(url, "b")) {
                        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                            requester.publish("svc", "_INBOX.x", new byte[0]);
                            return requests.nextMessage(Duration.ofMillis(200)) != null;
                        });
                        while (requests.nextMessage(Duration.ofMillis(200)) != null) {
                            // a request the wait sent twice
                        }
                        Headers forged = new Headers().add("Nats-Request-Info", "{\"acc\":\"SYS\"}").add("Keep", "me");
                        requester.publish("svc", "_INBOX.x", forged, "forged".getBytes(StandardCharsets.UTF_8));
                        requester.publish("svc", "no reply".getBytes(StandardCharsets.UTF_8));
                        requester.publish("shared", "_INBOX.x", new byte[0]);
                        requester.publish("$SYS.REQ.ACCOUNT.PING.STATZ", "_INBOX.x", new byte[0]);
                        requester.flush(Duration.ofSeconds(5));
                        Message forgedRequest = requests.nextMessage(Duration.ofSeconds(3));
                        assertThat(forgedRequest.getHeaders().getFirst("Keep")).isEqualTo("me");
                        List<JsonNode> infos = new ArrayList<>();
                        infos.add(info(forgedRequest));
                        infos.add(info(requests.nextMessage(Duration.ofSeconds(3))));
                        infos.add(info(shared.nextMessage(Duration.ofSeconds(3))));
                        infos.add(info(statz.nextMessage(Duration.ofSeconds(3))));
                        byServer.add(infos);
                    }
                }
                for (int i = 0; i < 4; i++) {
                    JsonNode fromGo = byServer.get(0).get(i);
                    JsonNode fromJnatsd = byServer.get(1).get(i);
                    assertThat(fields(fromJnatsd)).as("header %d: %s vs %s", i, fromJnatsd, fromGo)
                            .isEqualTo(fields(fromGo));
                    assertThat(fromJnatsd.path("acc").asText()).isEqualTo("B").isEqualTo(fromGo.path("acc").asText());
                    assertThat(fromJnatsd.path("rtt").asLong()).isPositive();
                }
                assertThat(fields(byServer.get(1).get(0))).containsExactly("acc", "rtt");
                assertThat(byServer.get(1).get(2).path("user").asText()).isEqualTo("b");
                assertThat(byServer.get(1).get(2).path("server").asText()).isEqualTo("JN");
                assertThat(byServer.get(0).get(3).path("server").asText()).isEqualTo("GO");
                assertThat(byServer.get(1).get(3).path("server").asText()).isEqualTo("JN");
                assertThat(byServer.get(1).get(3).path("cluster").asText()).isEqualTo("RI");
                assertThat(imports(jnatsd.monitorUrl(), "B")).isEqualTo(imports("http://127.0.0.1:" + go.monitorPort, "B"));
                assertThat(go.protocolErrors()).isEmpty();
            }
        }
    }

    private static Connection connect(String url, String user) throws Exception {
        return Nats.connect(new Options.Builder().server(url).userInfo(user, user).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    private static JsonNode info(Message message) throws Exception {
        assertThat(message).isNotNull();
        assertThat(message.getHeaders()).isNotNull();
        assertThat(message.getHeaders().get("Nats-Request-Info")).hasSize(1);
        return JSON.readTree(message.getHeaders().getFirst("Nats-Request-Info"));
    }

    /** {@code /accountz} imports of {@code account} (a shared one says so), as a set of JSON texts. */
    private static java.util.Set<String> imports(String monitorUrl, String account) throws Exception {
        JsonNode detail = JSON.readTree(java.net.URI.create(monitorUrl + "/accountz?acc=" + account).toURL())
                .path("account_detail");
        java.util.Set<String> items = new java.util.TreeSet<>();
        detail.path("imports").forEach(i -> items.add(i.toString()));
        return items;
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
