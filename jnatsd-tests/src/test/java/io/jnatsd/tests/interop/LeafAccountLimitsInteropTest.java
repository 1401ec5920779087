package io.jnatsd.tests.interop;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An account JWT's leaf limit against nats-server 2.10.27 in both roles: a Go operator hub refuses
 * the second jnatsd leaf of a one-leaf account as a jnatsd hub refuses the second Go leaf, with
 * the same text on both ends ({@code maximum account active connections exceeded}); and
 * {@code $SYS.REQ.ACCOUNT.<id>.LEAFZ} answers with the same document from either hub.
 */
class LeafAccountLimitsInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair SYSTEM = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair ACCOUNT = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final String TOO_MANY = "maximum account active connections exceeded";
    private final List<AutoCloseable> started = new ArrayList<>();
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
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        leafLog.detachAppender(log);
    }

    private static String operatorConfig(long leafLimit) {
        ObjectNode account = JwtEncoder.claims(ACCOUNT.publicKey(), "APP", "account");
        ((ObjectNode) account.get("nats").get("limits")).put("leaf", leafLimit);
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR)
                + "\nsystem_account: " + SYSTEM.publicKey() + "\nresolver: MEMORY\nresolver_preload: {\n  "
                + ACCOUNT.publicKey() + ": " + JwtEncoder.encode(account, OPERATOR) + "\n  " + SYSTEM.publicKey() + ": "
                + JwtEncoder.encode(JwtEncoder.claims(SYSTEM.publicKey(), "SYS", "account"), OPERATOR) + "\n}\n";
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

    private String remote(int hubPort) throws Exception {
        return "leafnodes { remotes: [ { url: \"nats://127.0.0.1:" + hubPort + "\", credentials: \""
                + creds(ACCOUNT).toString().replace("\\", "/") + "\" } ] }\n";
    }

    private GoServer goHub(String name, int leafPort, long leafLimit) throws Exception {
        GoServer hub = GoServer.start("NATS_SERVER_210", name, name + "C", List.of(), "",
                // no_advertise: a jnatsd leaf of the mixed hub cluster stays with the hub it was given
                // instead of learning this hub's URL and failing over to it between refusals
                operatorConfig(leafLimit) + "leafnodes { listen: \"127.0.0.1:" + leafPort + "\", no_advertise: true }\n");
        started.add(hub);
        return hub;
    }

    private JnatsdServer jnatsdHub(String name, long leafLimit) throws Exception {
        JnatsdServer hub = JnatsdServer.builder().configString("server_name: " + name + "\nhost: 127.0.0.1\nport: -1\n"
                + operatorConfig(leafLimit) + "leafnodes { host: 127.0.0.1, port: -1 }\n").start();
        started.add(hub);
        return hub;
    }

    private JnatsdServer jnatsdLeaf(String name, int hubPort) throws Exception {
        JnatsdServer leaf = JnatsdServer.builder().configString("server_name: " + name + "\n" + remote(hubPort)).start();
        started.add(leaf);
        return leaf;
    }

    private GoServer goLeaf(String name, int hubPort) throws Exception {
        GoServer leaf = GoServer.start("NATS_SERVER_210", name, name + "C", List.of(), "", remote(hubPort));
        started.add(leaf);
        return leaf;
    }

    private long logged(String suffix) {
        return log.list.stream().filter(e -> e.getFormattedMessage().endsWith(suffix)).count();
    }

    @Test
    void aGoHubRefusesTheSecondJnatsdLeafAsAJnatsdHubRefusesTheSecondGoLeaf() throws Exception {
        int goLeafPort = GoServer.freePort();
        GoServer goHub = goHub("GH", goLeafPort, 1);
        JnatsdServer first = jnatsdLeaf("JL1", goLeafPort);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.server().leafNodes().connectionCount() == 1);
        JnatsdServer second = jnatsdLeaf("JL2", goLeafPort);
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("Leafnode Error '" + TOO_MANY + "'") >= 2);
        assertThat(goHub.monitor("leafz").path("leafnodes").asInt()).isEqualTo(1);
        assertThat(second.server().leafNodes().connectionCount()).isZero();
        assertThat(goHub.log()).contains("- " + TOO_MANY + "\n")
                .contains("Leafnode connection closed: Maximum Account Connections Exceeded");

        JnatsdServer jnatsdHub = jnatsdHub("JH", 1);
        int jnatsdLeafPort = jnatsdHub.server().leafNodes().listenPort();
        GoServer goFirst = goLeaf("GL1", jnatsdLeafPort);
        await().atMost(Duration.ofSeconds(10)).until(() -> jnatsdHub.server().leafNodes().connectionCount() == 1);
        GoServer goSecond = goLeaf("GL2", jnatsdLeafPort);
        await().atMost(Duration.ofSeconds(10)).until(() -> goSecond.log().split("Leafnode Error '" + TOO_MANY + "'", -1).length > 2);
        assertThat(logged("- " + TOO_MANY)).isGreaterThanOrEqualTo(2);
        assertThat(jnatsdHub.server().leafNodes().connectionCount()).isEqualTo(1);
        assertThat(goFirst.monitor("leafz").path("leafnodes").asInt()).isEqualTo(1);
        assertThat(goSecond.monitor("leafz").path("leafnodes").asInt()).isZero();
    }

    @Test
    void aHubClusterOfAGoAndAJnatsdServerCountsTheAccountsLeafsTogether() throws Exception {
        int goLeafPort = GoServer.freePort();
        GoServer goHub = goHub("GM", goLeafPort, 1);
        JnatsdServer jnatsdHub = JnatsdServer.builder().configString("server_name: JM\nhost: 127.0.0.1\nport: -1\n"
                + operatorConfig(1) + "leafnodes { host: 127.0.0.1, port: -1 }\ncluster { name: GMC, listen: 127.0.0.1:-1, "
                + "routes: [\"nats-route://127.0.0.1:" + goHub.clusterPort + "\"] }\n").start();
        started.add(jnatsdHub);
        await().atMost(Duration.ofSeconds(10)).until(() -> jnatsdHub.server().cluster().remoteCount() == 1
                && goHub.monitor("routez").path("num_routes").asInt() >= 1);
        Path system = creds(SYSTEM);
        // a leaf on the Go hub: once its SERVER.CONNS event (leafnodes 1) is through, the jnatsd hub
        // refuses the account's next leaf (before that, both would take one, as two Go servers do)
        JnatsdServer onGo;
        try (Connection counts = systemConnection(jnatsdHub.clientUrl(), system)) {
            io.nats.client.Subscription events = counts.subscribe("$SYS.ACCOUNT." + ACCOUNT.publicKey() + ".SERVER.CONNS");
            counts.flush(Duration.ofSeconds(2));
            onGo = jnatsdLeaf("MG", goLeafPort);
            awaitLeafs(events, "GM", 1);
        }
        JnatsdServer onJnatsd = jnatsdLeaf("MJ", jnatsdHub.server().leafNodes().listenPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("- " + TOO_MANY) >= 2);
        assertThat(jnatsdHub.server().leafNodes().connectionCount()).isZero();
        assertThat(onJnatsd.server().leafNodes().connectionCount()).isZero();

        // the other way round: with the Go leaf gone, jnatsd's leaf is in, and Go refuses the next
        try (Connection counts = systemConnection(goHub.clientUrl(), system)) {
            io.nats.client.Subscription events = counts.subscribe("$SYS.ACCOUNT." + ACCOUNT.publicKey() + ".SERVER.CONNS");
            counts.flush(Duration.ofSeconds(2));
            onGo.close();
            awaitLeafs(events, "JM", 1);
        }
        long refusedBefore = logged("Leafnode Error '" + TOO_MANY + "'");
        JnatsdServer again = jnatsdLeaf("MG2", goLeafPort);
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("Leafnode Error '" + TOO_MANY + "'") >= refusedBefore + 2);
        assertThat(goHub.log()).contains("- " + TOO_MANY + "\n");
        assertThat(goHub.monitor("leafz").path("leafnodes").asInt()).isZero();
        assertThat(again.server().leafNodes().connectionCount()).isZero();
        assertThat(onJnatsd.server().leafNodes().connectionCount()).isEqualTo(1);
    }

    private static Connection systemConnection(String url, Path creds) throws Exception {
        return Nats.connect(new Options.Builder().server(url).authHandler(Nats.credentials(creds.toString()))
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    /** Waits for the account connections event in which {@code server} reports {@code leafs} leafs. */
    private static void awaitLeafs(io.nats.client.Subscription events, String server, int leafs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Message m = events.nextMessage(Duration.ofMillis(200));
            if (m != null) {
                JsonNode event = JSON.readTree(m.getData());
                if (event.path("server").path("name").asText().equals(server) && event.path("leafnodes").asInt() == leafs) {
                    return;
                }
            }
        }
        throw new AssertionError("no account connections event from " + server + " with leafnodes " + leafs);
    }

    @Test
    void accountLeafzIsTheSameDocumentFromAGoAndAJnatsdHub() throws Exception {
        int goLeafPort = GoServer.freePort();
        GoServer goHub = goHub("GZ", goLeafPort, -1);
        JnatsdServer jnatsdHub = jnatsdHub("JZ", -1);
        JnatsdServer toGo = jnatsdLeaf("LG", goLeafPort);
        JnatsdServer toJnatsd = jnatsdLeaf("LJ", jnatsdHub.server().leafNodes().listenPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> toGo.server().leafNodes().connectionCount() == 1
                && toJnatsd.server().leafNodes().connectionCount() == 1);
        String subject = "$SYS.REQ.ACCOUNT." + ACCOUNT.publicKey() + ".LEAFZ";
        Path system = creds(SYSTEM);
        JsonNode go = request(goHub.clientUrl(), system, subject, "{\"subscriptions\":true,\"account\":\"OTHER\"}");
        JsonNode ours = request(jnatsdHub.clientUrl(), system, subject, "{\"subscriptions\":true,\"account\":\"OTHER\"}");
        assertThat(fieldNames(ours)).isEqualTo(fieldNames(go));
        assertThat(fieldNames(ours.path("data"))).isEqualTo(fieldNames(go.path("data")));
        assertThat(ours.path("data").path("leafnodes")).isEqualTo(go.path("data").path("leafnodes"));
        JsonNode goLeaf = go.path("data").path("leafs").path(0);
        JsonNode ourLeaf = ours.path("data").path("leafs").path(0);
        assertThat(fieldNames(ourLeaf)).isEqualTo(fieldNames(goLeaf));
        for (String same : new String[] {"is_spoke", "account", "ip", "in_msgs", "out_msgs"}) {
            assertThat(ourLeaf.path(same)).as(same).isEqualTo(goLeaf.path(same));
        }
        assertThat(ourLeaf.path("subscriptions_list").isArray()).isTrue();
        for (String url : new String[] {goHub.clientUrl(), jnatsdHub.clientUrl()}) {
            JsonNode ping = request(url, system, "$SYS.REQ.ACCOUNT.PING.LEAFZ", "");
            assertThat(ping.path("data").path("leafnodes").asInt()).as(url).isZero();
            assertThat(ping.path("data").path("leafs").size()).as(url).isZero();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode request(String url, Path creds, String subject, String body) throws Exception {
        try (Connection system = Nats.connect(new Options.Builder().server(url)
                .authHandler(Nats.credentials(creds.toString())).connectionTimeout(Duration.ofSeconds(5)).build())) {
            Message reply = system.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
            assertThat(reply).as("an answer on " + subject + " from " + url).isNotNull();
            return JSON.readTree(reply.getData());
        }
    }
}
