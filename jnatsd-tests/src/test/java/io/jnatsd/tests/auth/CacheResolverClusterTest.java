package io.jnatsd.tests.auth;

import static io.jnatsd.tests.auth.FullResolverTest.OPERATOR;
import static io.jnatsd.tests.auth.FullResolverTest.SYSTEM;
import static io.jnatsd.tests.auth.FullResolverTest.account;
import static io.jnatsd.tests.auth.FullResolverTest.connects;
import static io.jnatsd.tests.auth.FullResolverTest.creds;
import static io.jnatsd.tests.auth.FullResolverTest.directory;
import static io.jnatsd.tests.auth.FullResolverTest.operatorJwt;
import static io.jnatsd.tests.auth.FullResolverTest.options;
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
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts this server does not hold are fetched from the cluster while their user connects
 * ({@code $SYS.REQ.ACCOUNT.<id>.CLAIMS.LOOKUP}), by the cache resolver and by a full resolver that
 * missed a push; the cache takes pushed updates only for accounts it holds; a delete signed by
 * the operator removes an account everywhere and closes its clients. Three jnatsd servers: two
 * full resolvers and one cache.
 */
class CacheResolverClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        FullResolverTest.warmUp();
    }

    private JnatsdServer start(String name, String resolver, int seedPort) throws Exception {
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\nserver_name: " + name + "\noperator: " + operatorJwt()
                + "\nsystem_account: " + SYSTEM.publicKey() + "\nresolver: { dir: \""
                + directory(dir, name).toString().replace("\\", "/") + "\", " + resolver + " }\n"
                + "cluster { name: CR, listen: 127.0.0.1:-1" + (seedPort == 0 ? "" : ", routes: [\"nats-route://127.0.0.1:"
                + seedPort + "\"]") + " }\n");
        return JnatsdServer.start(ConfigLoader.load(conf));
    }

    /** Every answer to one request within a short window. */
    private static List<JsonNode> answers(Connection system, String subject, String body, int expected) throws Exception {
        String inbox = system.createInbox();
        Subscription replies = system.subscribe(inbox);
        system.publish(subject, inbox, body.getBytes(StandardCharsets.UTF_8));
        List<JsonNode> answers = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (answers.size() < expected && System.nanoTime() < deadline) {
            Message m = replies.nextMessage(Duration.ofMillis(200));
            if (m != null) {
                answers.add(JSON.readTree(m.getData()));
            }
        }
        replies.unsubscribe();
        return answers;
    }

    private static String answerOf(List<JsonNode> answers, String server) {
        return answers.stream().filter(a -> a.path("server").path("name").asText().equals(server))
                .map(JsonNode::toString).findFirst().orElse("none from " + server);
    }

    @Test
    void unknownAccountsAreFetchedOnConnectTheCacheSkipsOthersUpdatesAndDeletesReachEveryServer() throws Exception {
        try (JnatsdServer full1 = start("F1", "type: full, allow_delete: true", 0)) {
            int seed = full1.server().cluster().listenPort();
            try (JnatsdServer full2 = start("F2", "type: full, allow_delete: true", seed);
                 JnatsdServer cache = start("C", "type: cache, ttl: \"1m\"", seed);
                 Connection system = Nats.connect(options(full1.clientUrl(),
                         creds(dir, SYSTEM, NKeyPair.generate(NKeyType.USER)), Duration.ofSeconds(5)))) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> full1.server().cluster().remoteCount() == 2
                        && full2.server().cluster().remoteCount() == 2 && cache.server().cluster().remoteCount() == 2);

                NKeyPair billing = NKeyPair.generate(NKeyType.ACCOUNT);
                String billingJwt = account(billing, "BILLING");
                // Push to the full resolvers: the cache does not hold BILLING and says so.
                List<JsonNode> pushed = new ArrayList<>();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                    pushed.clear();
                    pushed.addAll(answers(system, "$SYS.REQ.CLAIMS.UPDATE", billingJwt, 3));
                    return pushed.size() == 3;
                });
                assertThat(answerOf(pushed, "F1")).contains("\"message\":\"jwt updated\"");
                assertThat(answerOf(pushed, "C")).contains("\"message\":\"jwt update cache skipped\"");
                assertThat(dir.resolve("C").resolve(billing.publicKey() + ".jwt")).doesNotExist();

                // The cache fetches BILLING when its first user connects, and stores it.
                Path billingUser = creds(dir, billing, NKeyPair.generate(NKeyType.USER));
                assertThat(connects(cache.clientUrl(), billingUser)).isTrue();
                assertThat(Files.readString(dir.resolve("C").resolve(billing.publicKey() + ".jwt"))).isEqualTo(billingJwt);
                // Now it holds BILLING, a newer JWT is taken.
                ObjectNode newer = JwtEncoder.claims(billing.publicKey(), "BILLING2", "account");
                newer.put("iat", java.time.Instant.now().getEpochSecond() + 1);
                String newerJwt = JwtEncoder.encode(newer, OPERATOR);
                assertThat(answerOf(answers(system, "$SYS.REQ.CLAIMS.UPDATE", newerJwt, 3), "C"))
                        .contains("\"message\":\"jwt updated cache\"");

                // An account no server holds is refused after the lookup finds nothing.
                NKeyPair unknown = NKeyPair.generate(NKeyType.ACCOUNT);
                assertThat(connects(cache.clientUrl(), creds(dir, unknown, NKeyPair.generate(NKeyType.USER)))).isFalse();

                // A delete signed by the operator: every server drops BILLING and closes its clients.
                List<String> errors = new CopyOnWriteArrayList<>();
                Options withErrors = new Options.Builder().server(cache.clientUrl()).maxReconnects(0)
                        .connectionTimeout(Duration.ofSeconds(5)).authHandler(Nats.credentials(billingUser.toString()))
                        .errorListener(new ErrorListener() {
                            @Override
                            public void errorOccurred(Connection conn, String error) {
                                errors.add(error);
                            }
                        }).build();
                try (Connection billingClient = Nats.connect(withErrors)) {
                    ObjectNode delete = JwtEncoder.claims(OPERATOR.publicKey(), "delete", "generic");
                    ((ObjectNode) delete.get("nats")).putArray("accounts").add(billing.publicKey());
                    List<JsonNode> deleted = answers(system, "$SYS.REQ.CLAIMS.DELETE", JwtEncoder.encode(delete, OPERATOR), 3);
                    assertThat(deleted).hasSize(3).allSatisfy(a ->
                            assertThat(a.path("data").path("message").asText()).isEqualTo("deleted 1 accounts"));
                    Awaitility.await().atMost(Duration.ofSeconds(5))
                            .until(() -> billingClient.getStatus() == Connection.Status.CLOSED);
                    assertThat(errors).contains("Account Authentication Expired");
                }
                assertThat(dir.resolve("F1").resolve(billing.publicKey() + ".jwt.deleted")).exists();
                assertThat(dir.resolve("C").resolve(billing.publicKey() + ".jwt")).doesNotExist();
                assertThat(connects(full2.clientUrl(), billingUser)).isFalse();

                // A delete not signed by the operator is refused.
                ObjectNode forged = JwtEncoder.claims(billing.publicKey(), "delete", "generic");
                ((ObjectNode) forged.get("nats")).putArray("accounts").add(billing.publicKey());
                NKeyPair notOperator = NKeyPair.generate(NKeyType.OPERATOR);
                forged.put("sub", notOperator.publicKey());
                assertThat(answerOf(answers(system, "$SYS.REQ.CLAIMS.DELETE", JwtEncoder.encode(forged, notOperator), 3), "F1"))
                        .contains("delete accounts request by " + notOperator.publicKey() + " failed - not trusted");
            }
        }
    }

    @Test
    void aFullResolverThatMissedAPushFetchesTheAccountWhenItsUserConnects() throws Exception {
        NKeyPair late = NKeyPair.generate(NKeyType.ACCOUNT);
        Files.writeString(directory(dir, "G1").resolve(late.publicKey() + ".jwt"), account(late, "LATE"));
        try (JnatsdServer full1 = start("G1", "type: full, interval: \"1h\"", 0)) {
            try (JnatsdServer full2 = start("G2", "type: full, interval: \"1h\"",
                    full1.server().cluster().listenPort())) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> full2.server().cluster().remoteCount() == 1);
                assertThat(dir.resolve("G2").resolve(late.publicKey() + ".jwt")).doesNotExist();
                assertThat(connects(full2.clientUrl(), creds(dir, late, NKeyPair.generate(NKeyType.USER)))).isTrue();
                assertThat(dir.resolve("G2").resolve(late.publicKey() + ".jwt")).exists();
            }
        }
    }
}
