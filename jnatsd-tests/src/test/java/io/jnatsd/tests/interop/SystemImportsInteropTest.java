package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system services every account imports, and a service export's {@code response_threshold},
 * compared with nats-server 2.10.27 in one mixed cluster (one Go server, one jnatsd) with accounts
 * from the configuration file and a system account: the same request to either server gets the
 * same answer. {@code $SYS.REQ.USER.INFO} gives the caller's user, account and permissions
 * (equal JSON); {@code PING.CONNZ} is answered by both servers with the caller's account only;
 * {@code /accountz} lists the same imports; the system user's {@code $SYS.REQ.ACCOUNT.PING.CONNZ}
 * and {@code .INFO} get the unknown-account answers; a response later than the threshold reaches
 * no requester on either server, one in time reaches both.
 */
class SystemImportsInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNTS = """
            system_account: SYS
            accounts {
              SYS { users [{user: sys, password: sys}] }
              A { users [{user: a, password: a, permissions: {
                      publish: {allow: ["$SYS.REQ.>", "_INBOX.>", "svc"], deny: ["svc.no"]},
                      subscribe: ["_INBOX.>", "svc"], allow_responses: {max: 2, expires: "5s"}}},
                    {user: r, password: r}]
                  exports [{service: "svc", response_threshold: "1s"}] }
              B { users [{user: b, password: b}], imports [{service: {account: A, subject: svc}}] }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void userInfoOfAJwtUserHasItsPermissionsAndTimeLeftAsNatsServerGivesThem() throws Exception {
        NKeyPair operator = NKeyPair.generate(NKeyType.OPERATOR);
        NKeyPair system = NKeyPair.generate(NKeyType.ACCOUNT);
        NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
        ObjectNode accountClaims = JwtEncoder.claims(account.publicKey(), "APP", "account");
        ((ObjectNode) accountClaims.get("nats")).putArray("exports").addObject().put("subject", "svc")
                .put("type", "service").put("response_threshold", 1_500_000_000L);
        String accountJwt = JwtEncoder.encode(accountClaims, operator);
        NKeyPair importer = NKeyPair.generate(NKeyType.ACCOUNT);
        ObjectNode importerClaims = JwtEncoder.claims(importer.publicKey(), "CALLER", "account");
        ((ObjectNode) importerClaims.get("nats")).putArray("imports").addObject().put("account", account.publicKey())
                .put("subject", "svc").put("type", "service");
        String config = "operator: " + JwtEncoder.encode(JwtEncoder.claims(operator.publicKey(), "OP", "operator"), operator)
                + "\nsystem_account: " + system.publicKey() + "\nresolver: MEMORY\nresolver_preload: {\n  "
                + system.publicKey() + ": " + JwtEncoder.encode(JwtEncoder.claims(system.publicKey(), "SYS", "account"), operator)
                + "\n  " + account.publicKey() + ": " + accountJwt
                + "\n  " + importer.publicKey() + ": " + JwtEncoder.encode(importerClaims, operator) + "\n}\n";
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        ObjectNode userClaims = JwtEncoder.claims(user.publicKey(), "alice", "user");
        long expires = java.time.Instant.now().getEpochSecond() + 3_600;
        userClaims.put("exp", expires);
        ObjectNode nats = (ObjectNode) userClaims.get("nats");
        ObjectNode pub = nats.putObject("pub");
        pub.putArray("allow").add("$SYS.REQ.USER.INFO").add("_INBOX.>").add("orders.*");
        pub.putArray("deny").add("orders.secret");
        nats.putObject("sub").putArray("allow").add("_INBOX.>");
        nats.putObject("resp").put("max", 3).put("ttl", 4_000_000_000L);
        Path creds = dir.resolve("alice.creds");
        Files.writeString(creds, "-----BEGIN NATS USER JWT-----\n" + JwtEncoder.encode(userClaims, account)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "JWT", List.of(), "", config)) {
            Path conf = dir.resolve("operator.conf");
            Files.writeString(conf, "host: 127.0.0.1\nport: -1\nhttp: 127.0.0.1:-1\n" + config);
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf))) {
                List<JsonNode> data = new ArrayList<>();
                for (String url : List.of(go.clientUrl(), jnatsd.clientUrl())) {
                    try (Connection alice = Nats.connect(new Options.Builder().server(url).maxReconnects(0)
                            .authHandler(Nats.credentials(creds.toString())).connectionTimeout(Duration.ofSeconds(5)).build())) {
                        JsonNode answer = answers(alice, "$SYS.REQ.USER.INFO", 1).get(0).path("data");
                        // Both give the time left in whole seconds, as nanoseconds: compare each with
                        // the time left when it answered (the two requests are seconds apart).
                        long left = expires - java.time.Instant.now().getEpochSecond();
                        assertThat(answer.path("expires").asLong() % 1_000_000_000L).as("whole seconds from %s", url).isZero();
                        assertThat(Math.abs(answer.path("expires").asLong() / 1_000_000_000L - left))
                                .as("time left from %s: %s, about %s s", url, answer.path("expires"), left)
                                .isLessThanOrEqualTo(2);
                        data.add(answer);
                    }
                }
                JsonNode fromGo = data.get(0);
                JsonNode fromJnatsd = data.get(1);
                assertThat(fromJnatsd.path("user").asText()).isEqualTo(user.publicKey());
                assertThat(fields(fromJnatsd)).isEqualTo(fields(fromGo));
                ((ObjectNode) fromGo).remove("expires");
                ((ObjectNode) fromJnatsd).remove("expires");
                assertThat(sorted(fromJnatsd)).isEqualTo(sorted(fromGo));
                String goMonitor = "http://127.0.0.1:" + go.monitorPort;
                assertThat(imports(jnatsd.monitorUrl(), account.publicKey())).isEqualTo(imports(goMonitor, account.publicKey()));
                assertThat(imports(jnatsd.monitorUrl(), system.publicKey())).isEqualTo(imports(goMonitor, system.publicKey()));
                // nats-server loads a preloaded account when a user of it first connects.
                NKeyPair caller = NKeyPair.generate(NKeyType.USER);
                Path callerCreds = dir.resolve("caller.creds");
                Files.writeString(callerCreds, "-----BEGIN NATS USER JWT-----\n"
                        + JwtEncoder.encode(JwtEncoder.claims(caller.publicKey(), "caller", "user"), importer)
                        + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + caller.seed()
                        + "\n------END USER NKEY SEED------\n");
                // jnatsd loads it lazily too (AccountzJwtInteropTest): the user connects to both.
                try (Connection onGo = Nats.connect(new Options.Builder().server(go.clientUrl()).maxReconnects(0)
                        .authHandler(Nats.credentials(callerCreds.toString())).connectionTimeout(Duration.ofSeconds(5)).build());
                     Connection onJnatsd = Nats.connect(new Options.Builder().server(jnatsd.clientUrl()).maxReconnects(0)
                        .authHandler(Nats.credentials(callerCreds.toString())).connectionTimeout(Duration.ofSeconds(5)).build())) {
                    assertThat(imports(jnatsd.monitorUrl(), importer.publicKey())).hasSize(5)
                            .isEqualTo(imports(goMonitor, importer.publicKey()));
                }
                // The export's response_threshold shows only in decoded_jwt, on both.
                assertThat(list(jnatsd.monitorUrl(), account.publicKey(), "exports")).hasSize(1)
                        .isEqualTo(list(goMonitor, account.publicKey(), "exports"));
            }
        }
    }

    private static Connection connect(String url, String user) throws Exception {
        return Nats.connect(new Options.Builder().server(url).userInfo(user, user).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    /** Publishes a request and collects the answers that come within 300 ms of the one before. */
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
        replies.unsubscribe();
        assertThat(answers).as("answers to %s", subject).hasSize(expected);
        return answers;
    }

    /** Arrays sorted: nats-server lists permission subjects in the order of its subject tree. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item).toString()));
            items.sort(null);
            ArrayNode out = JSON.createArrayNode();
            for (String item : items) {
                out.add(readTree(item));
            }
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), sorted(e.getValue())));
            return out;
        }
        return node;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The imports of {@code /accountz?acc=}, as a set: nats-server keeps service imports in a map. */
    private static Set<String> imports(String monitorUrl, String account) throws Exception {
        return list(monitorUrl, account, "imports");
    }

    /** One list of {@code /accountz?acc=}'s account detail, as a set of JSON texts. */
    private static Set<String> list(String monitorUrl, String account, String field) throws Exception {
        JsonNode detail = JSON.readTree(URI.create(monitorUrl + "/accountz?acc=" + account).toURL()).path("account_detail");
        Set<String> items = new TreeSet<>();
        detail.path(field).forEach(i -> items.add(i.toString()));
        return items;
    }

    private static JsonNode answeredBy(List<JsonNode> answers, String server) {
        return answers.stream().filter(a -> a.path("server").path("name").asText().equals(server)).findFirst().orElseThrow();
    }

    @Test
    void systemImportsAndResponseThresholdsAnswerAsNatsServerDoes() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "MIX", List.of(), "", ACCOUNTS)) {
            Path conf = dir.resolve("jnatsd.conf");
            Files.writeString(conf, "server_name: JN\nhost: 127.0.0.1\nport: -1\nhttp: 127.0.0.1:-1\n" + ACCOUNTS
                    + "cluster { name: MIX, listen: 127.0.0.1:-1, routes: [\"nats-route://127.0.0.1:" + go.clusterPort
                    + "\"] }\n");
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf))) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jnatsd.server().cluster().remoteCount() == 1);
                try (Connection goUser = connect(go.clientUrl(), "a");
                     Connection jnatsdUser = connect(jnatsd.clientUrl(), "a")) {
                    userInfoIsTheCallersOwn(goUser, jnatsdUser);
                    connzComesFromBothServersWithTheCallersAccountOnly(goUser, jnatsdUser);
                }
                String goMonitor = "http://127.0.0.1:" + go.monitorPort;
                for (String account : List.of("A", "B", "SYS", "$G")) {
                    assertThat(imports(jnatsd.monitorUrl(), account)).as("imports of %s", account)
                            .isEqualTo(imports(goMonitor, account));
                }
                // The services nats-server exports from the system account (in a cluster $JS.API.> too).
                assertThat(list(jnatsd.monitorUrl(), "SYS", "exports")).hasSize(5)
                        .isEqualTo(list(goMonitor, "SYS", "exports"));
                systemUserPingIsAnUnknownAccount(go, jnatsd);
                responseThresholdHoldsOnBothServers(go, jnatsd);
                assertThat(go.protocolErrors()).isEmpty();
            }
        }
    }

    private static void userInfoIsTheCallersOwn(Connection goUser, Connection jnatsdUser) throws Exception {
        JsonNode fromGo = answers(goUser, "$SYS.REQ.USER.INFO", 1).get(0);
        JsonNode fromJnatsd = answers(jnatsdUser, "$SYS.REQ.USER.INFO", 1).get(0);
        assertThat(fromJnatsd.path("server").path("name").asText()).isEqualTo("JN");
        assertThat(fields(fromJnatsd)).isEqualTo(fields(fromGo));
        assertThat(fromGo.path("data").path("permissions").path("responses").path("ttl").asLong()).isEqualTo(5_000_000_000L);
        assertThat(sorted(fromJnatsd.path("data"))).isEqualTo(sorted(fromGo.path("data")));
    }

    private static void connzComesFromBothServersWithTheCallersAccountOnly(Connection goUser, Connection jnatsdUser)
            throws Exception {
        for (String subject : List.of("$SYS.REQ.ACCOUNT.PING.CONNZ", "$SYS.REQ.SERVER.PING.CONNZ")) {
            List<JsonNode> viaGo = answers(goUser, subject, 2);
            List<JsonNode> viaJnatsd = answers(jnatsdUser, subject, 2);
            for (List<JsonNode> answers : List.of(viaGo, viaJnatsd)) {
                assertThat(answers).extracting(a -> a.path("server").path("name").asText())
                        .containsExactlyInAnyOrder("GO", "JN");
                assertThat(answers).allSatisfy(a -> assertThat(a.path("data").path("num_connections").asInt())
                        .as(subject).isEqualTo(1));
            }
            JsonNode go = answeredBy(viaGo, "GO").path("data");
            JsonNode jn = answeredBy(viaGo, "JN").path("data");
            assertThat(fields(jn)).isEqualTo(fields(go));
            assertThat(fields(jn.path("connections").get(0))).containsAll(fields(go.path("connections").get(0)));
        }
        List<JsonNode> statz = answers(jnatsdUser, "$SYS.REQ.ACCOUNT.PING.STATZ", 2);
        JsonNode go = answeredBy(statz, "GO").path("data");
        JsonNode jn = answeredBy(statz, "JN").path("data");
        assertThat(fields(jn)).isEqualTo(fields(go));
        assertThat(jn.path("account_statz").get(0).path("acc").asText()).isEqualTo("A");
        assertThat(fields(jn.path("account_statz").get(0))).isEqualTo(fields(go.path("account_statz").get(0)));
    }

    private static void systemUserPingIsAnUnknownAccount(GoServer go, JnatsdServer jnatsd) throws Exception {
        try (Connection system = connect(jnatsd.clientUrl(), "sys")) {
            List<JsonNode> connz = answers(system, "$SYS.REQ.ACCOUNT.PING.CONNZ", 2);
            JsonNode fromGo = answeredBy(connz, "GO").path("data");
            JsonNode fromJnatsd = answeredBy(connz, "JN").path("data");
            ((ObjectNode) fromGo).remove("now");
            ((ObjectNode) fromJnatsd).remove("now");
            assertThat(fromJnatsd).isEqualTo(fromGo);
            List<JsonNode> info = answers(system, "$SYS.REQ.ACCOUNT.PING.INFO", 2);
            assertThat(answeredBy(info, "JN").path("error")).isEqualTo(answeredBy(info, "GO").path("error"));
            assertThat(answeredBy(info, "JN").path("data").isNull()).isTrue();
        }
    }

    private static void responseThresholdHoldsOnBothServers(GoServer go, JnatsdServer jnatsd) throws Exception {
        try (Connection responder = connect(go.clientUrl(), "r");
             Connection viaGo = connect(go.clientUrl(), "b");
             Connection viaJnatsd = connect(jnatsd.clientUrl(), "b")) {
            responder.createDispatcher(message -> {
                String body = new String(message.getData(), StandardCharsets.UTF_8);
                CompletableFuture.delayedExecutor(body.equals("late") ? 2_500 : 0, TimeUnit.MILLISECONDS)
                        .execute(() -> responder.publish(message.getReplyTo(), ("re:" + body).getBytes(StandardCharsets.UTF_8)));
            }).subscribe("svc");
            responder.flush(Duration.ofSeconds(5));
            for (Connection requester : List.of(viaGo, viaJnatsd)) {
                Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
                    Message reply = requester.request("svc", "now".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1));
                    return reply != null && "re:now".equals(new String(reply.getData(), StandardCharsets.UTF_8));
                });
            }
            List<Subscription> inboxes = new ArrayList<>();
            for (Connection requester : List.of(viaGo, viaJnatsd)) {
                String inbox = requester.createInbox();
                inboxes.add(requester.subscribe(inbox));
                requester.flush(Duration.ofSeconds(5));
                requester.publish("svc", inbox, "late".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(inboxes.get(0).nextMessage(Duration.ofMillis(3_500))).as("late response through nats-server").isNull();
            assertThat(inboxes.get(1).nextMessage(Duration.ofMillis(500))).as("late response through jnatsd").isNull();
        }
    }
}
