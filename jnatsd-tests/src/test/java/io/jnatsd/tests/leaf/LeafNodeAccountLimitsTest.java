package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An account's leaf limit (JWT {@code limits.leaf}, config {@code max_leafnodes}) counted as
 * nats-server 2.10.27 counts it: over a hub cluster, the leaf past the limit refused with Go's
 * {@code maximum account active connections exceeded} (a {@code leafnodes} authorization user
 * with a failed login instead, as Go); a leaf whose account the hub must first fetch from its
 * peers is let in once fetched; {@code $SYS.REQ.ACCOUNT.<id>.LEAFZ} lists the account's leafs.
 */
class LeafNodeAccountLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair SYSTEM = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final String TOO_MANY = "maximum account active connections exceeded";
    private final List<JnatsdServer> servers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger leafLog = (Logger) LoggerFactory.getLogger("io.jnatsd.leaf.LeafConnection");
    @TempDir
    Path dir;

    @BeforeAll
    static void warmUpClientSigning() {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
    }

    @BeforeEach
    void captureLog() {
        log.start();
        leafLog.addAppender(log);
    }

    @AfterEach
    void stop() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
        leafLog.detachAppender(log);
    }

    private JnatsdServer start(String config) throws InterruptedException {
        JnatsdServer server = JnatsdServer.builder().configString(config).start();
        servers.add(server);
        return server;
    }

    static String accountJwt(NKeyPair account, long leafLimit) {
        return accountJwt(account, leafLimit, -1);
    }

    static String accountJwt(NKeyPair account, long leafLimit, long connectionLimit) {
        ObjectNode claims = JwtEncoder.claims(account.publicKey(), "APP", "account");
        ((ObjectNode) claims.get("nats").get("limits")).put("leaf", leafLimit).put("conn", connectionLimit);
        return JwtEncoder.encode(claims, OPERATOR);
    }

    static String operatorConfig(String resolver) {
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR)
                + "\nsystem_account: " + SYSTEM.publicKey() + "\n" + resolver;
    }

    private static String memoryResolver(NKeyPair account, long leafLimit) {
        return memoryResolver(account, leafLimit, -1);
    }

    private static String memoryResolver(NKeyPair account, long leafLimit, long connectionLimit) {
        return "resolver: MEMORY\nresolver_preload: {\n  " + account.publicKey() + ": "
                + accountJwt(account, leafLimit, connectionLimit)
                + "\n  " + SYSTEM.publicKey() + ": " + JwtEncoder.encode(JwtEncoder.claims(SYSTEM.publicKey(), "SYS", "account"), OPERATOR)
                + "\n}\n";
    }

    private Path creds(NKeyPair account) throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        Path file = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n"
                + JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "u", "user"), account)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        return file;
    }

    private JnatsdServer hub(String name, String auth, JnatsdServer seed) throws InterruptedException {
        return start("server_name: " + name + "\nhost: 127.0.0.1\nport: -1\n" + auth
                + "leafnodes { host: 127.0.0.1, port: -1 }\ncluster { name: HUBS, listen: 127.0.0.1:-1"
                + (seed == null ? "" : ", routes: [\"nats-route://127.0.0.1:" + seed.server().cluster().listenPort() + "\"]")
                + " }\n");
    }

    private JnatsdServer leaf(String name, JnatsdServer hub, String credentials) throws InterruptedException {
        return start("server_name: " + name + "\nhost: 127.0.0.1\nport: -1\nleafnodes { remotes: [ { url: \"nats://"
                + credentials + "127.0.0.1:" + hub.server().leafNodes().listenPort() + "\"" + "} ] }\n");
    }

    private JnatsdServer credsLeaf(String name, JnatsdServer hub, Path creds) throws InterruptedException {
        return start("server_name: " + name + "\nhost: 127.0.0.1\nport: -1\nleafnodes { remotes: [ { url: \"nats://127.0.0.1:"
                + hub.server().leafNodes().listenPort() + "\", credentials: \"" + creds.toString().replace("\\", "/") + "\" } ] }\n");
    }

    private long logged(String suffix) {
        return log.list.stream().filter(e -> e.getFormattedMessage().endsWith(suffix)).count();
    }

    @Test
    void aJwtAccountWithALeafLimitOfOneTakesOneLeafAndRefusesTheNextWithNatsServersText() throws Exception {
        NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
        JnatsdServer hub = hub("H1", operatorConfig(memoryResolver(account, 1)), null);
        JnatsdServer first = credsLeaf("L1", hub, creds(account));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.server().leafNodes().connectionCount() == 1);
        JnatsdServer second = credsLeaf("L2", hub, creds(account));
        // refused twice: the leaf redials every second and is refused every time
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("- " + TOO_MANY) >= 2
                && logged("Leafnode Error '" + TOO_MANY + "'") >= 2);
        assertThat(hub.server().leafNodes().connectionCount()).isEqualTo(1);
        assertThat(second.server().leafNodes().connectionCount()).isZero();

        try (Connection system = Nats.connect(new Options.Builder().server(hub.clientUrl())
                .authHandler(Nats.credentials(creds(SYSTEM).toString())).build())) {
            JsonNode leafz = request(system, "$SYS.REQ.ACCOUNT." + account.publicKey() + ".LEAFZ", "{\"subscriptions\":true}");
            assertThat(leafz.path("server").path("name").asText()).isEqualTo("H1");
            assertThat(leafz.path("data").path("leafnodes").asInt()).isEqualTo(1);
            JsonNode entry = leafz.path("data").path("leafs").path(0);
            assertThat(entry.path("name").asText()).isEqualTo("L1");
            assertThat(entry.path("account").asText()).isEqualTo(account.publicKey());
            assertThat(entry.has("subscriptions_list")).isTrue();
            // nats-server has no PING form: "PING" is an account without leafs
            JsonNode ping = request(system, "$SYS.REQ.ACCOUNT.PING.LEAFZ", "");
            assertThat(ping.path("data").path("leafnodes").asInt()).isZero();
            assertThat(ping.path("data").path("leafs").isArray()).isTrue();
        }

        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.server().leafNodes().connectionCount() == 1);
    }

    @Test
    void aLeafLimitOfZeroLetsNoLeafIn() throws Exception {
        NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
        JnatsdServer hub = hub("H0", operatorConfig(memoryResolver(account, 0)), null);
        credsLeaf("L0", hub, creds(account));
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("- " + TOO_MANY) >= 2);
        assertThat(hub.server().leafNodes().connectionCount()).isZero();
    }

    @Test
    void aLeafTakesAPlaceOfTheAccountsConnectionLimitOnItsHubAsInNatsServer() throws Exception {
        NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
        JnatsdServer hub = hub("HC", operatorConfig(memoryResolver(account, -1, 1)), null);
        JnatsdServer leaf = credsLeaf("LC", hub, creds(account));
        await().atMost(Duration.ofSeconds(10)).until(() -> leaf.server().leafNodes().connectionCount() == 1);
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        Options client = new Options.Builder().server(hub.clientUrl()).maxReconnects(0)
                .authHandler(Nats.credentials(creds(account).toString()))
                .errorListener(new io.nats.client.ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                }).build();
        try (Connection refused = Nats.connect(client)) {
            assertThat(refused).as("a client of a 1-connection account beside its leaf").isNull();
        } catch (java.io.IOException expected) {
            assertThat(errors).contains(TOO_MANY);
        }
    }

    @Test
    void theLeafLimitHoldsForTheWholeHubCluster() throws Exception {
        NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
        String auth = operatorConfig(memoryResolver(account, 1));
        JnatsdServer hub1 = hub("C1", auth, null);
        JnatsdServer hub2 = hub("C2", auth, hub1);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub1.server().cluster().remoteCount() == 1
                && hub2.server().cluster().remoteCount() == 1);
        JnatsdServer first;
        try (Connection system = Nats.connect(new Options.Builder().server(hub2.clientUrl())
                .authHandler(Nats.credentials(creds(SYSTEM).toString())).build())) {
            io.nats.client.Subscription counts = system.subscribe("$SYS.ACCOUNT." + account.publicKey() + ".SERVER.CONNS");
            system.flush(Duration.ofSeconds(2));
            first = credsLeaf("CL1", hub1, creds(account));
            // hub1's count reaches hub2 as nats-server sends it: conns 0, leafnodes 1
            JsonNode event = JSON.readTree(counts.nextMessage(Duration.ofSeconds(10)).getData());
            assertThat(event.path("leafnodes").asInt()).isEqualTo(1);
            assertThat(event.path("conns").asInt()).isZero();
            assertThat(event.path("total_conns").asInt()).isEqualTo(1);
        }
        JnatsdServer second = credsLeaf("CL2", hub2, creds(account));
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("- " + TOO_MANY) >= 2);
        assertThat(hub1.server().leafNodes().connectionCount() + hub2.server().leafNodes().connectionCount()).isEqualTo(1);
        assertThat(first.server().leafNodes().connectionCount() + second.server().leafNodes().connectionCount()).isEqualTo(1);
    }

    @Test
    void configMaxLeafnodesRefusesAnAccountUserAsTooManyAndALeafnodesUserAsAFailedLogin() throws Exception {
        JnatsdServer hub = start("server_name: CH\nhost: 127.0.0.1\nport: -1\n"
                + "accounts { A { users: [ {user: a, password: a} ], limits { max_leafnodes: 1 } } }\n"
                + "leafnodes { host: 127.0.0.1, port: -1 }\n");
        JnatsdServer first = leaf("CA1", hub, "a:a@");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.server().leafNodes().connectionCount() == 1);
        leaf("CA2", hub, "a:a@");
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("- " + TOO_MANY) >= 2);
        assertThat(hub.server().leafNodes().connectionCount()).isEqualTo(1);

        JnatsdServer leafUsersHub = start("server_name: LH\nhost: 127.0.0.1\nport: -1\n"
                + "accounts { B { limits { max_leafs: 0 } } }\n"
                + "leafnodes { host: 127.0.0.1, port: -1, authorization { users: [ {user: l, password: l, account: B} ] } }\n");
        leaf("LB", leafUsersHub, "l:l@");
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("- authentication error - User \"l\"") >= 2);
        assertThat(leafUsersHub.server().leafNodes().connectionCount()).isZero();
    }

    @Test
    void aLeafWhoseAccountTheHubDoesNotHoldWaitsForItToBeFetchedFromAPeer() throws Exception {
        NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
        Path fullDir = Files.createDirectories(dir.resolve("full"));
        Path cacheDir = Files.createDirectories(dir.resolve("cache"));
        Files.writeString(fullDir.resolve(account.publicKey() + ".jwt"), accountJwt(account, -1));
        Files.writeString(fullDir.resolve(SYSTEM.publicKey() + ".jwt"),
                JwtEncoder.encode(JwtEncoder.claims(SYSTEM.publicKey(), "SYS", "account"), OPERATOR));
        JnatsdServer full = hub("F", operatorConfig("resolver: { type: full, dir: \""
                + fullDir.toString().replace("\\", "/") + "\" }\n"), null);
        JnatsdServer cache = hub("C", operatorConfig("resolver: { type: cache, dir: \""
                + cacheDir.toString().replace("\\", "/") + "\", ttl: \"1m\" }\n"), full);
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.server().cluster().remoteCount() == 1);
        assertThat(cache.server().holdsAccount(account.publicKey())).isFalse();

        JnatsdServer leaf = credsLeaf("LF", cache, creds(account));
        await().atMost(Duration.ofSeconds(10)).until(() -> leaf.server().leafNodes().connectionCount() == 1
                && cache.server().leafNodes().connectionCount() == 1);
        assertThat(cache.server().holdsAccount(account.publicKey())).isTrue();
        assertThat(cacheDir.resolve(account.publicKey() + ".jwt")).exists();
        try (Connection onHub = Nats.connect(new Options.Builder().server(full.clientUrl())
                .authHandler(Nats.credentials(creds(account).toString())).build());
             Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            io.nats.client.Subscription sub = onHub.subscribe("fetched.>");
            onHub.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    !leaf.server().account("$G").subscriptions().match("fetched.x").isEmpty());
            onLeaf.publish("fetched.x", "via the cache".getBytes());
            assertThat(sub.nextMessage(Duration.ofSeconds(5))).isNotNull();
        }
    }

    static JsonNode request(Connection system, String subject, String body) throws Exception {
        Message reply = system.request(subject, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertThat(reply).as("an answer on " + subject).isNotNull();
        return JSON.readTree(reply.getData());
    }
}
