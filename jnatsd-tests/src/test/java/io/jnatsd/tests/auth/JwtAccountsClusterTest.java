package io.jnatsd.tests.auth;

import static io.jnatsd.tests.auth.FullResolverTest.OPERATOR;
import static io.jnatsd.tests.auth.FullResolverTest.SYSTEM;
import static io.jnatsd.tests.auth.FullResolverTest.config;
import static io.jnatsd.tests.auth.FullResolverTest.creds;
import static io.jnatsd.tests.auth.FullResolverTest.options;
import static io.jnatsd.tests.auth.FullResolverTest.request;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Account JWT imports, exports and limits on an operator-mode cluster of three jnatsd servers
 * with the full resolver, with real jnats clients holding {@code .creds} files: a public stream
 * and services with each response type, a private stream opened by an activation token, all
 * across routes; the connection, subscription and payload limits; and account updates that
 * change imports and limits while clients are connected.
 */
class JwtAccountsClusterTest {
    private static final NKeyPair EXPORTER = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair IMPORTER = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair OUTSIDER = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair LIMITED = NKeyPair.generate(NKeyType.ACCOUNT);

    @TempDir
    static Path dir;
    private static JnatsdServer s1;
    private static JnatsdServer s2;
    private static JnatsdServer s3;

    static String exporterJwt(Consumer<ObjectNode> more) {
        ObjectNode claims = JwtEncoder.claims(EXPORTER.publicKey(), "EXPORTER", "account");
        ObjectNode nats = (ObjectNode) claims.get("nats");
        var exports = nats.putArray("exports");
        exports.addObject().put("subject", "orders.>").put("type", "stream");
        exports.addObject().put("subject", "private.>").put("type", "stream").put("token_req", true);
        exports.addObject().put("subject", "help").put("type", "service");
        exports.addObject().put("subject", "feed").put("type", "service").put("response_type", "Stream");
        more.accept(nats);
        return JwtEncoder.encode(claims, OPERATOR);
    }

    static String importerJwt(NKeyPair account, String name) {
        ObjectNode claims = JwtEncoder.claims(account.publicKey(), name, "account");
        var imports = ((ObjectNode) claims.get("nats")).putArray("imports");
        imports.addObject().put("account", EXPORTER.publicKey()).put("subject", "orders.>").put("type", "stream")
                .put("local_subject", "in.orders.>");
        imports.addObject().put("account", EXPORTER.publicKey()).put("subject", "help").put("type", "service")
                .put("local_subject", "ask");
        imports.addObject().put("account", EXPORTER.publicKey()).put("subject", "feed").put("type", "service");
        ObjectNode activation = JwtEncoder.claims(IMPORTER.publicKey(), "act", "activation");
        ((ObjectNode) activation.get("nats")).put("subject", "private.>").put("kind", "stream");
        imports.addObject().put("account", EXPORTER.publicKey()).put("subject", "private.>").put("type", "stream")
                .put("token", JwtEncoder.encode(activation, EXPORTER));
        return JwtEncoder.encode(claims, OPERATOR);
    }

    static String limitedJwt(long conn, long subs, long payload) {
        ObjectNode claims = JwtEncoder.claims(LIMITED.publicKey(), "LIMITED", "account");
        ((ObjectNode) claims.get("nats").get("limits")).put("conn", conn).put("subs", subs).put("payload", payload);
        return JwtEncoder.encode(claims, OPERATOR);
    }

    private static Path directory(String name) throws Exception {
        Path jwts = Files.createDirectories(dir.resolve(name));
        Files.writeString(jwts.resolve(SYSTEM.publicKey() + ".jwt"), FullResolverTest.account(SYSTEM, "SYS"));
        Files.writeString(jwts.resolve(EXPORTER.publicKey() + ".jwt"), exporterJwt(n -> { }));
        Files.writeString(jwts.resolve(IMPORTER.publicKey() + ".jwt"), importerJwt(IMPORTER, "IMPORTER"));
        // The outsider imports the same private stream with the importer's token, which names another account.
        Files.writeString(jwts.resolve(OUTSIDER.publicKey() + ".jwt"), importerJwt(OUTSIDER, "OUTSIDER"));
        Files.writeString(jwts.resolve(LIMITED.publicKey() + ".jwt"), limitedJwt(10, 3, 100));
        return jwts;
    }

    private static JnatsdServer start(String name, int seedPort) throws Exception {
        Path conf = dir.resolve(name + ".conf");
        String cluster = "cluster { name: JWTACC, listen: 127.0.0.1:-1" + (seedPort == 0 ? ""
                : ", routes: [\"nats-route://127.0.0.1:" + seedPort + "\"]") + " }\n";
        Files.writeString(conf, config(directory(name), "server_name: " + name + "\n" + cluster));
        return JnatsdServer.start(ConfigLoader.load(conf));
    }

    @BeforeAll
    static void startCluster() throws Exception {
        FullResolverTest.warmUp();
        s1 = start("S1", 0);
        int seed = s1.server().cluster().listenPort();
        s2 = start("S2", seed);
        s3 = start("S3", seed);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s1.server().cluster().remoteCount() == 2
                && s2.server().cluster().remoteCount() == 2 && s3.server().cluster().remoteCount() == 2);
    }

    @AfterAll
    static void stopCluster() {
        for (JnatsdServer server : new JnatsdServer[] {s3, s2, s1}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static Connection connect(JnatsdServer server, NKeyPair account) throws Exception {
        return Nats.connect(options(server.clientUrl(), creds(dir, account, NKeyPair.generate(NKeyType.USER)),
                Duration.ofSeconds(5)));
    }

    private static Options withErrors(JnatsdServer server, NKeyPair account, List<String> errors) throws Exception {
        return new Options.Builder(options(server.clientUrl(), creds(dir, account, NKeyPair.generate(NKeyType.USER)),
                Duration.ofSeconds(2))).errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                }).build();
    }

    /** Publishes until the first message arrives: interest crosses the routes asynchronously. */
    private static Message firstDelivery(Connection publisher, String subject, Subscription subscription) {
        Message[] got = new Message[1];
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            publisher.publish(subject, "x".getBytes(StandardCharsets.UTF_8));
            got[0] = subscription.nextMessage(Duration.ofMillis(100));
            return got[0] != null;
        });
        return got[0];
    }

    @Test
    void aPublicStreamImportCrossesTheClusterUnderItsLocalSubject() throws Exception {
        try (Connection exporter = connect(s1, EXPORTER); Connection importer = connect(s3, IMPORTER)) {
            Subscription in = importer.subscribe("in.orders.>");
            importer.flush(Duration.ofSeconds(5));
            assertThat(firstDelivery(exporter, "orders.new", in).getSubject()).isEqualTo("in.orders.new");
        }
    }

    @Test
    void aPrivateStreamReachesOnlyTheAccountItsActivationNames() throws Exception {
        try (Connection exporter = connect(s2, EXPORTER); Connection importer = connect(s1, IMPORTER);
             Connection outsider = connect(s3, OUTSIDER)) {
            Subscription granted = importer.subscribe("private.>");
            Subscription refused = outsider.subscribe("private.>");
            Subscription outsiderOrders = outsider.subscribe("in.orders.>");
            importer.flush(Duration.ofSeconds(5));
            outsider.flush(Duration.ofSeconds(5));
            assertThat(firstDelivery(exporter, "private.x", granted).getSubject()).isEqualTo("private.x");
            // The outsider's public import works, so the private stream would have arrived by now.
            firstDelivery(exporter, "orders.y", outsiderOrders);
            assertThat(refused.nextMessage(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void serviceImportsAnswerAcrossTheClusterWithTheirResponseTypes() throws Exception {
        try (Connection service = connect(s3, EXPORTER); Connection client = connect(s1, IMPORTER)) {
            service.createDispatcher(m -> service.publish(m.getReplyTo(), ("re:" + m.getSubject()).getBytes(StandardCharsets.UTF_8)))
                    .subscribe("help");
            service.createDispatcher(m -> {
                for (int i = 0; i < 3; i++) {
                    service.publish(m.getReplyTo(), new byte[] {(byte) i});
                }
            }).subscribe("feed");
            service.flush(Duration.ofSeconds(5));
            Message[] reply = new Message[1];
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                reply[0] = client.request("ask", new byte[0], Duration.ofMillis(500));
                return reply[0] != null;
            });
            assertThat(new String(reply[0].getData(), StandardCharsets.UTF_8)).isEqualTo("re:help");

            // A Stream service's responses all come back; a Singleton's would stop at the first.
            String inbox = client.createInbox();
            Subscription responses = client.subscribe(inbox);
            client.flush(Duration.ofSeconds(5));
            client.publish("feed", inbox, new byte[0]);
            List<Byte> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message m = responses.nextMessage(Duration.ofSeconds(5));
                assertThat(m).as("response %d", i).isNotNull();
                got.add(m.getData()[0]);
            }
            assertThat(got).containsExactly((byte) 0, (byte) 1, (byte) 2);
        }
    }

    @Test
    void theEleventhConnectionOfATenConnectionAccountIsRefusedAnywhereInTheCluster() throws Exception {
        JnatsdServer[] servers = {s1, s2, s3};
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                open.add(connect(servers[i % 3], LIMITED));
            }
            // The servers share their counts through the system account; jnats tries every server it
            // has learned of, so the eleventh is refused only when all of them count ten.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<String> errors = new CopyOnWriteArrayList<>();
                try (Connection eleventh = Nats.connect(withErrors(s1, LIMITED, errors))) {
                    Awaitility.await().atMost(Duration.ofSeconds(2))
                            .until(() -> eleventh.getStatus() != Connection.Status.CONNECTED || !errors.isEmpty());
                    errors.add(String.valueOf(eleventh.getLastError()));
                    assertThat(eleventh.getStatus()).isNotEqualTo(Connection.Status.CONNECTED);
                } catch (java.io.IOException e) {
                    errors.add(String.valueOf(e.getMessage()));
                }
                assertThat(errors).anyMatch(e -> e.contains("maximum account active connections exceeded"));
            });
            open.remove(0).close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Connection again = connect(s2, LIMITED)) {
                    again.flush(Duration.ofSeconds(2));
                    assertThat(again.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                }
            });
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
    }

    @Test
    void subscriptionsBeyondTheAccountLimitAreRefusedAndThePayloadLimitIsAnnounced() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Connection limited = Nats.connect(withErrors(s1, LIMITED, errors))) {
            for (int i = 0; i < 4; i++) {
                limited.subscribe("s." + i);
            }
            limited.flush(Duration.ofSeconds(5));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> errors.contains("maximum subscriptions exceeded"));
            assertThat(limited.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            // The account's payload limit reaches the client in the INFO after its first PING.
            assertThat(limited.getServerInfo().getMaxPayload()).isEqualTo(100);
        }
    }

    @Test
    void anAccountUpdateChangesImportsAndLimitsLive() throws Exception {
        try (Connection system = connect(s1, SYSTEM); Connection exporter = connect(s1, EXPORTER);
             Connection importer = connect(s3, IMPORTER)) {
            Subscription in = importer.subscribe("in.orders.>");
            importer.flush(Duration.ofSeconds(5));
            firstDelivery(exporter, "orders.a", in);
            // The exporter withdraws the stream: every server drops the import.
            String withdrawn = exporterJwt(n -> ((com.fasterxml.jackson.databind.node.ArrayNode) n.get("exports")).remove(0));
            try {
                assertThat(request(system, "$SYS.REQ.ACCOUNT." + EXPORTER.publicKey() + ".CLAIMS.UPDATE", withdrawn)
                        .path("data").path("code").asInt()).isEqualTo(200);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                    exporter.publish("orders.b", new byte[0]);
                    exporter.flush(Duration.ofSeconds(2));
                    while (in.nextMessage(Duration.ofMillis(200)) != null) {
                        // Drain what was in flight before the update reached the importer's server.
                    }
                    exporter.publish("orders.c", new byte[0]);
                    return in.nextMessage(Duration.ofMillis(300)) == null;
                });
            } finally {
                request(system, "$SYS.REQ.ACCOUNT." + EXPORTER.publicKey() + ".CLAIMS.UPDATE", exporterJwt(n -> { }));
            }
            firstDelivery(exporter, "orders.d", in);
        }
    }

    @Test
    void aLowerConnectionLimitClosesTheOldestConnections() throws Exception {
        List<Connection> open = new ArrayList<>();
        try (Connection system = connect(s2, SYSTEM)) {
            for (int i = 0; i < 4; i++) {
                open.add(connect(s3, LIMITED));
                Thread.sleep(5); // distinct start times: the oldest go first
            }
            try {
                assertThat(request(system, "$SYS.REQ.ACCOUNT." + LIMITED.publicKey() + ".CLAIMS.UPDATE",
                        limitedJwt(2, 3, 100)).path("data").path("code").asInt()).isEqualTo(200);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                        open.get(0).getStatus() == Connection.Status.CLOSED && open.get(1).getStatus() == Connection.Status.CLOSED);
                assertThat(open.get(0).getLastError()).contains("maximum account active connections exceeded");
                assertThat(open.get(2).getStatus()).isEqualTo(Connection.Status.CONNECTED);
                assertThat(open.get(3).getStatus()).isEqualTo(Connection.Status.CONNECTED);
            } finally {
                request(system, "$SYS.REQ.ACCOUNT." + LIMITED.publicKey() + ".CLAIMS.UPDATE", limitedJwt(10, 3, 100));
            }
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
    }

    @Test
    void aLowerSubscriptionLimitClosesAClientThatHasMore() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Connection system = connect(s1, SYSTEM); Connection busy = Nats.connect(withErrors(s2, LIMITED, errors));
             Connection quiet = connect(s2, LIMITED)) {
            busy.subscribe("a");
            busy.subscribe("b");
            quiet.subscribe("a");
            busy.flush(Duration.ofSeconds(5));
            quiet.flush(Duration.ofSeconds(5));
            try {
                assertThat(request(system, "$SYS.REQ.ACCOUNT." + LIMITED.publicKey() + ".CLAIMS.UPDATE",
                        limitedJwt(10, 1, 100)).path("data").path("code").asInt()).isEqualTo(200);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> busy.getStatus() == Connection.Status.CLOSED);
                assertThat(errors).contains("maximum subscriptions exceeded");
                quiet.flush(Duration.ofSeconds(5));
                assertThat(quiet.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            } finally {
                request(system, "$SYS.REQ.ACCOUNT." + LIMITED.publicKey() + ".CLAIMS.UPDATE", limitedJwt(10, 3, 100));
            }
        }
    }
}
