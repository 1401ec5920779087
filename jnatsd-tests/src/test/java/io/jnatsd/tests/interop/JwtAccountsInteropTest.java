package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * Account JWT imports, exports and limits with nats-server 2.10.27: in a mixed cluster a stream
 * import and a service import work whichever server the exporter and the importer sit on, and
 * the account limits refuse the same things with the same texts on both servers.
 */
class JwtAccountsInteropTest {
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair EXPORTER = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair IMPORTER = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair LIMITED = NKeyPair.generate(NKeyType.ACCOUNT);

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
    }

    private static String operatorConfig() {
        ObjectNode exporter = JwtEncoder.claims(EXPORTER.publicKey(), "EXPORTER", "account");
        var exports = ((ObjectNode) exporter.get("nats")).putArray("exports");
        exports.addObject().put("subject", "orders.>").put("type", "stream");
        exports.addObject().put("subject", "private.>").put("type", "stream").put("token_req", true);
        exports.addObject().put("subject", "help").put("type", "service");
        ObjectNode importer = JwtEncoder.claims(IMPORTER.publicKey(), "IMPORTER", "account");
        var imports = ((ObjectNode) importer.get("nats")).putArray("imports");
        imports.addObject().put("account", EXPORTER.publicKey()).put("subject", "orders.>").put("type", "stream")
                .put("local_subject", "in.orders.>");
        imports.addObject().put("account", EXPORTER.publicKey()).put("subject", "help").put("type", "service")
                .put("local_subject", "ask");
        ObjectNode activation = JwtEncoder.claims(IMPORTER.publicKey(), "act", "activation");
        ((ObjectNode) activation.get("nats")).put("subject", "private.>").put("kind", "stream");
        imports.addObject().put("account", EXPORTER.publicKey()).put("subject", "private.>").put("type", "stream")
                .put("to", "granted").put("token", JwtEncoder.encode(activation, EXPORTER));
        ObjectNode limited = JwtEncoder.claims(LIMITED.publicKey(), "LIMITED", "account");
        ((ObjectNode) limited.get("nats").get("limits")).put("conn", 2).put("subs", 2).put("payload", 100);
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR) + "\n"
                + "resolver: MEMORY\nresolver_preload: {\n"
                + "  " + EXPORTER.publicKey() + ": " + JwtEncoder.encode(exporter, OPERATOR) + "\n"
                + "  " + IMPORTER.publicKey() + ": " + JwtEncoder.encode(importer, OPERATOR) + "\n"
                + "  " + LIMITED.publicKey() + ": " + JwtEncoder.encode(limited, OPERATOR) + "\n}\n";
    }

    private Options options(String url, NKeyPair account, List<String> errors) throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        Path creds = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(creds, "-----BEGIN NATS USER JWT-----\n"
                + JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "u", "user"), account)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        return new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(2)).maxReconnects(0)
                .authHandler(Nats.credentials(creds.toString())).errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                }).build();
    }

    private Connection connect(String url, NKeyPair account) throws Exception {
        return Nats.connect(options(url, account, new CopyOnWriteArrayList<>()));
    }

    private static void receives(Connection publisher, String subject, Subscription subscription, String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            publisher.publish(subject, new byte[] {1});
            Message m = subscription.nextMessage(Duration.ofMillis(200));
            return m != null && m.getSubject().equals(expected);
        });
    }

    @Test
    void streamAndServiceImportsWorkAcrossAMixedClusterBothWays() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "ACC", List.of(), "", operatorConfig())) {
            Path conf = dir.resolve("jnatsd.conf");
            Files.writeString(conf, "host: 127.0.0.1\nport: -1\nserver_name: J\n"
                    + "cluster { name: ACC, listen: 127.0.0.1:-1, routes: [\"nats-route://127.0.0.1:" + go.clusterPort
                    + "\"] }\n" + operatorConfig());
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf));
                 Connection exporterOnGo = connect(go.clientUrl(), EXPORTER);
                 Connection exporterOnJnatsd = connect(jnatsd.clientUrl(), EXPORTER);
                 Connection importerOnGo = connect(go.clientUrl(), IMPORTER);
                 Connection importerOnJnatsd = connect(jnatsd.clientUrl(), IMPORTER)) {
                Subscription onJnatsd = importerOnJnatsd.subscribe("in.orders.>");
                Subscription onGo = importerOnGo.subscribe("in.orders.>");
                Subscription privateOnJnatsd = importerOnJnatsd.subscribe("granted.>");
                importerOnJnatsd.flush(Duration.ofSeconds(5));
                importerOnGo.flush(Duration.ofSeconds(5));
                receives(exporterOnGo, "orders.a", onJnatsd, "in.orders.a");
                receives(exporterOnJnatsd, "orders.b", onGo, "in.orders.b");
                receives(exporterOnGo, "private.c", privateOnJnatsd, "granted.private.c");

                exporterOnJnatsd.createDispatcher(m -> exporterOnJnatsd.publish(m.getReplyTo(),
                        "jnatsd".getBytes(StandardCharsets.UTF_8))).subscribe("help");
                exporterOnJnatsd.flush(Duration.ofSeconds(5));
                assertThat(answer(importerOnGo)).isEqualTo("jnatsd");
            }
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf));
                 Connection exporterOnGo = connect(go.clientUrl(), EXPORTER);
                 Connection importerOnJnatsd = connect(jnatsd.clientUrl(), IMPORTER)) {
                exporterOnGo.createDispatcher(m -> exporterOnGo.publish(m.getReplyTo(),
                        "go".getBytes(StandardCharsets.UTF_8))).subscribe("help");
                exporterOnGo.flush(Duration.ofSeconds(5));
                assertThat(answer(importerOnJnatsd)).isEqualTo("go");
                assertThat(go.protocolErrors()).isEmpty();
            }
        }
    }

    private static String answer(Connection requester) {
        String[] reply = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            Message m = requester.request("ask", new byte[0], Duration.ofMillis(500));
            reply[0] = m == null ? null : new String(m.getData(), StandardCharsets.UTF_8);
            return reply[0] != null;
        });
        return reply[0];
    }

    /** Options for one client of the limited account (a JWT user or a configured one), reporting its errors. */
    private interface LimitedClient {
        Options options(String url, List<String> errors) throws Exception;
    }

    @Test
    void accountLimitsRefuseTheSameThingsWithTheSameTextsOnBothServers() throws Exception {
        Path conf = dir.resolve("single.conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\n" + operatorConfig());
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "ACC", List.of(), "", operatorConfig());
             JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf))) {
            for (String url : new String[] {go.clientUrl(), jnatsd.clientUrl()}) {
                checkLimits(url, (u, errors) -> options(u, LIMITED, errors));
            }
        }
    }

    @Test
    void configuredAccountLimitsBehaveAsNatsServers() throws Exception {
        String accounts = "accounts { A { users: [ {user: a, password: a} ], "
                + "limits: { max_connections: 2, max_subscriptions: 2, max_payload: 100 } } }\n";
        Path conf = dir.resolve("accounts.conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\n" + accounts);
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "ACC", List.of(), "", accounts);
             JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf))) {
            for (String url : new String[] {go.clientUrl(), jnatsd.clientUrl()}) {
                checkLimits(url, (u, errors) -> new Options.Builder().server(u).userInfo("a", "a")
                        .connectionTimeout(Duration.ofSeconds(2)).maxReconnects(0).errorListener(new ErrorListener() {
                            @Override
                            public void errorOccurred(Connection conn, String error) {
                                errors.add(error);
                            }
                        }).build());
            }
        }
    }

    /** Two connections, two subscriptions and 100 bytes are allowed: the third of each is refused. */
    private static void checkLimits(String url, LimitedClient client) throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        List<Connection> open = new ArrayList<>();
        try {
            open.add(Nats.connect(client.options(url, errors)));
            open.add(Nats.connect(client.options(url, new CopyOnWriteArrayList<>())));
            Connection first = open.get(0);
            for (int i = 0; i < 3; i++) {
                first.subscribe("s." + i);
            }
            first.flush(Duration.ofSeconds(5));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> errors.contains("maximum subscriptions exceeded"));
            assertThat(first.getStatus()).as(url).isEqualTo(Connection.Status.CONNECTED);

            List<String> thirdErrors = new CopyOnWriteArrayList<>();
            try (Connection third = Nats.connect(client.options(url, thirdErrors))) {
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> third.getStatus() != Connection.Status.CONNECTED);
                thirdErrors.add(String.valueOf(third.getLastError()));
            } catch (java.io.IOException e) {
                thirdErrors.add(String.valueOf(e.getMessage()));
            }
            assertThat(thirdErrors).as(url).anyMatch(e -> e.contains("maximum account active connections exceeded"));

            // After the first PING the server's INFO carries the account's payload limit, which
            // jnats then applies itself.
            assertThat(first.getServerInfo().getMaxPayload()).as(url).isEqualTo(100);
            assertThatThrownBy(() -> first.publish("big", new byte[101])).as(url)
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
    }
}
