package io.jnatsd.tests.auth;

import static io.jnatsd.tests.auth.FullResolverTest.OPERATOR;
import static io.jnatsd.tests.auth.FullResolverTest.ORDERS;
import static io.jnatsd.tests.auth.FullResolverTest.SYSTEM;
import static io.jnatsd.tests.auth.FullResolverTest.config;
import static io.jnatsd.tests.auth.FullResolverTest.creds;
import static io.jnatsd.tests.auth.FullResolverTest.options;
import static io.jnatsd.tests.auth.FullResolverTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system account's services every account imports, on an operator-mode cluster of three
 * jnatsd servers with jnats clients: a user asks {@code $SYS.REQ.ACCOUNT.PING.CONNZ} (or
 * {@code SERVER.PING.CONNZ}) and gets its own account's connections from every server, and nothing
 * of other accounts; {@code PING.STATZ} from the servers where the account has connections;
 * {@code $SYS.REQ.USER.INFO} from its own server, about itself. And a JWT service export's
 * {@code response_threshold}: a response later than it never reaches the requester.
 */
class SystemImportsClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NKeyPair SERVICE = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair CALLER = NKeyPair.generate(NKeyType.ACCOUNT);

    @TempDir
    static Path dir;
    private static final List<JnatsdServer> servers = new ArrayList<>();

    private static String serviceJwt() {
        ObjectNode claims = JwtEncoder.claims(SERVICE.publicKey(), "SERVICE", "account");
        ((ObjectNode) claims.get("nats")).putArray("exports").addObject().put("subject", "work").put("type", "service")
                .put("response_threshold", Duration.ofMillis(500).toNanos());
        return JwtEncoder.encode(claims, OPERATOR);
    }

    private static String callerJwt() {
        ObjectNode claims = JwtEncoder.claims(CALLER.publicKey(), "CALLER", "account");
        ((ObjectNode) claims.get("nats")).putArray("imports").addObject().put("account", SERVICE.publicKey())
                .put("subject", "work").put("type", "service");
        return JwtEncoder.encode(claims, OPERATOR);
    }

    private static JnatsdServer start(String name, int seedPort) throws Exception {
        Path jwts = FullResolverTest.directory(dir, name);
        Files.writeString(jwts.resolve(SERVICE.publicKey() + ".jwt"), serviceJwt());
        Files.writeString(jwts.resolve(CALLER.publicKey() + ".jwt"), callerJwt());
        String cluster = "server_name: " + name + "\ncluster { name: SYSIMP, listen: 127.0.0.1:-1"
                + (seedPort == 0 ? "" : ", routes: [\"nats-route://127.0.0.1:" + seedPort + "\"]") + " }\n";
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, config(jwts, cluster));
        return JnatsdServer.start(ConfigLoader.load(conf));
    }

    @BeforeAll
    static void startCluster() throws Exception {
        FullResolverTest.warmUp();
        servers.add(start("S1", 0));
        int seed = servers.get(0).server().cluster().listenPort();
        servers.add(start("S2", seed));
        servers.add(start("S3", seed));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> servers.stream().allMatch(s -> s.server().cluster().remoteCount() == 2));
    }

    @AfterAll
    static void stopCluster() {
        servers.forEach(JnatsdServer::close);
    }

    private static Connection connect(int server, NKeyPair account) throws Exception {
        return Nats.connect(options(servers.get(server).clientUrl(), creds(dir, account, NKeyPair.generate(NKeyType.USER)),
                Duration.ofSeconds(5)));
    }

    /** Publishes a request and collects the answers that arrive within a second of the last one. */
    private static List<JsonNode> answers(Connection connection, String subject, int expected) throws Exception {
        String inbox = connection.createInbox();
        Subscription replies = connection.subscribe(inbox);
        connection.flush(Duration.ofSeconds(5));
        connection.publish(subject, inbox, new byte[0]);
        List<JsonNode> answers = new ArrayList<>();
        Duration wait = Duration.ofSeconds(5);
        for (Message reply; (reply = replies.nextMessage(wait)) != null; wait = Duration.ofMillis(300)) {
            answers.add(JSON.readTree(reply.getData()));
        }
        assertThat(answers).as("answers to %s", subject).hasSize(expected);
        return answers;
    }

    @Test
    void aUserSeesItsOwnAccountsConnectionsFromEveryServerAndItsOwnInfo() throws Exception {
        try (Connection user = connect(0, ORDERS);
             Connection other = connect(1, ORDERS);
             Connection stranger = connect(2, SERVICE)) {
            stranger.flush(Duration.ofSeconds(5));
            for (String subject : List.of("$SYS.REQ.ACCOUNT.PING.CONNZ", "$SYS.REQ.SERVER.PING.CONNZ")) {
                List<JsonNode> connz = answers(user, subject, 3);
                assertThat(connz).extracting(a -> a.path("server").path("name").asText())
                        .containsExactlyInAnyOrder("S1", "S2", "S3");
                assertThat(connz.stream().mapToInt(a -> a.path("data").path("num_connections").asInt()).sum())
                        .as(subject).isEqualTo(2);
            }
            List<JsonNode> statz = answers(user, "$SYS.REQ.ACCOUNT.PING.STATZ", 2);
            assertThat(statz).extracting(a -> a.path("server").path("name").asText()).containsExactlyInAnyOrder("S1", "S2");
            assertThat(statz).allSatisfy(a -> assertThat(a.path("data").path("account_statz").get(0).path("acc").asText())
                    .isEqualTo(ORDERS.publicKey()));

            JsonNode info = answers(user, "$SYS.REQ.USER.INFO", 1).get(0);
            assertThat(info.path("server").path("name").asText()).isEqualTo("S1");
            assertThat(info.path("data").path("account").asText()).isEqualTo(ORDERS.publicKey());
            assertThat(info.path("data").path("user").asText()).startsWith("U");
            assertThat(info.path("data").has("permissions")).isFalse();
        }
    }

    @Test
    void everyAccountListsTheSystemImportsAndTheSystemAccountOnlyUserInfo() throws Exception {
        try (Connection system = connect(0, SYSTEM)) {
            JsonNode orders = request(system, "$SYS.REQ.ACCOUNT." + ORDERS.publicKey() + ".INFO", "").path("data");
            List<String> locals = new ArrayList<>();
            orders.path("imports").forEach(i -> locals.add(i.path("local_subject").asText()));
            assertThat(locals).containsExactly("$SYS.REQ.ACCOUNT.PING.CONNZ", "$SYS.REQ.SERVER.PING.CONNZ",
                    "$SYS.REQ.ACCOUNT.PING.STATZ", "$SYS.REQ.USER.INFO");
            JsonNode sys = request(system, "$SYS.REQ.ACCOUNT." + SYSTEM.publicKey() + ".INFO", "").path("data");
            assertThat(sys.path("imports")).hasSize(1);
            assertThat(sys.path("imports").get(0).path("share").asBoolean()).isTrue();
            JsonNode info = answers(system, "$SYS.REQ.USER.INFO", 1).get(0).path("data");
            assertThat(info.path("account").asText()).isEqualTo(SYSTEM.publicKey());
        }
    }

    @Test
    void aResponseLaterThanTheExportsThresholdNeverArrives() throws Exception {
        try (Connection responder = connect(2, SERVICE);
             Connection caller = connect(0, CALLER)) {
            Dispatcher dispatcher = responder.createDispatcher(message -> {
                String body = new String(message.getData(), StandardCharsets.UTF_8);
                long delayMillis = body.equals("late") ? 1_500 : 0;
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS)
                        .execute(() -> responder.publish(message.getReplyTo(), ("re:" + body).getBytes(StandardCharsets.UTF_8)));
            });
            dispatcher.subscribe("work");
            responder.flush(Duration.ofSeconds(5));
            Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
                Message reply = caller.request("work", "now".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1));
                return reply != null && new String(reply.getData(), StandardCharsets.UTF_8).equals("re:now");
            });
            String inbox = caller.createInbox();
            Subscription replies = caller.subscribe(inbox);
            caller.publish("work", inbox, "late".getBytes(StandardCharsets.UTF_8));
            assertThat(replies.nextMessage(Duration.ofMillis(2_500))).isNull();
        }
    }
}
