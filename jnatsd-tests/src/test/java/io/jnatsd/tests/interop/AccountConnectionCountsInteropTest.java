package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.SystemEventTimings;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account's connection limit counted across jnatsd and nats-server 2.10.27 in one cluster:
 * each server counts the other's connections (nats-server listens to the old subject
 * {@code $SYS.SERVER.ACCOUNT.<acc>.CONNS}, which jnatsd now sends too), and the count heals when
 * a server goes: a nats-server killed with SIGKILL stops counting on jnatsd after jnatsd's
 * orphan timeout (shortened here to 12 s, still above nats-server's 10 s heartbeat), and a jnatsd that shuts down cleanly stops counting on
 * nats-server at once through its {@code $SYS.SERVER.<id>.SHUTDOWN} event (nats-server's own
 * orphan timeout, 150 s or more, is too long for a test).
 */
class AccountConnectionCountsInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair SYSTEM = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair LIMITED = NKeyPair.generate(NKeyType.ACCOUNT);
    /**
     * jnatsd's orphan timeout shortened, but longer than nats-server's 10 s STATSZ heartbeat, so a
     * live nats-server is never taken for gone.
     */
    private static final SystemEventTimings SHORT = new SystemEventTimings(Duration.ofMillis(50),
            Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(12), Duration.ofMillis(250));

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
    }

    private static String operatorConfig() {
        ObjectNode limited = JwtEncoder.claims(LIMITED.publicKey(), "LIMITED", "account");
        ((ObjectNode) limited.get("nats").get("limits")).put("conn", 2);
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR)
                + "\nsystem_account: " + SYSTEM.publicKey() + "\nresolver: MEMORY\nresolver_preload: {\n"
                + "  " + SYSTEM.publicKey() + ": "
                + JwtEncoder.encode(JwtEncoder.claims(SYSTEM.publicKey(), "SYS", "account"), OPERATOR) + "\n"
                + "  " + LIMITED.publicKey() + ": " + JwtEncoder.encode(limited, OPERATOR) + "\n}\n";
    }

    private JnatsdServer jnatsd(GoServer go) throws Exception {
        Path conf = dir.resolve("jnatsd.conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\nhttp: 127.0.0.1:-1\nserver_name: J\n"
                + "cluster { name: CONNS, listen: 127.0.0.1:-1, routes: [\"nats-route://127.0.0.1:" + go.clusterPort
                + "\"] }\n" + operatorConfig());
        return JnatsdServer.start(ConfigLoader.load(conf).toBuilder().systemEventTimings(SHORT).build());
    }

    private Path creds() throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        Path file = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n"
                + JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "u", "user"), LIMITED)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        return file;
    }

    private Options options(String url, Duration timeout) throws Exception {
        return new Options.Builder().server(url).connectionTimeout(timeout).maxReconnects(0).ignoreDiscoveredServers()
                .authHandler(Nats.credentials(creds().toString())).build();
    }

    private Connection connect(String url) throws Exception {
        return Nats.connect(options(url, Duration.ofSeconds(5)));
    }

    /** Whether this very server admits one more client of the account (a refusal costs 1 s). */
    private boolean admits(String url) {
        try (Connection connection = Nats.connect(options(url, Duration.ofSeconds(1)))) {
            return connection.getStatus() == Connection.Status.CONNECTED;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Until each server has the other's interest in account counts: a count sent before that is
     * only repeated at the next 30 s heartbeat.
     */
    private static void awaitCountInterest(GoServer go, JnatsdServer jnatsd) {
        String subject = "$SYS.SERVER.ACCOUNT.*.CONNS";
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                routeInterest(go.monitor("routez?subs=1")).contains(subject)
                        && routeInterest(JSON.readTree(URI.create(jnatsd.monitorUrl() + "/routez?subs=1").toURL()))
                        .contains(subject));
    }

    private static List<String> routeInterest(JsonNode routez) {
        List<String> subjects = new ArrayList<>();
        for (JsonNode route : routez.path("routes")) {
            route.path("subscriptions_list").forEach(subject -> subjects.add(subject.asText()));
        }
        return subjects;
    }

    /** nats-server's error lines other than the refusals the test provokes (e.g. out-of-order server updates). */
    private static List<String> unexpectedErrors(GoServer go) throws Exception {
        return go.protocolErrors().stream().filter(line -> !line.contains("maximum account active connections exceeded"))
                .toList();
    }

    @Test
    void eachServerCountsTheOthersConnectionsAndJnatsdForgetsAKilledNatsServer() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "CONNS", List.of(), "", operatorConfig());
             JnatsdServer jnatsd = jnatsd(go)) {
            awaitCountInterest(go, jnatsd);
            Connection onGo = connect(go.clientUrl());
            Connection onJnatsd = connect(jnatsd.clientUrl());
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !admits(go.clientUrl()));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !admits(jnatsd.clientUrl()));
            assertThat(unexpectedErrors(go)).isEmpty();

            go.kill();
            Awaitility.await().atMost(Duration.ofSeconds(25)).until(() -> admits(jnatsd.clientUrl()));
            assertThat(onJnatsd.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            onJnatsd.close();
            onGo.close();
        }
    }

    @Test
    void natsServerForgetsAJnatsdThatShutsDown() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "CONNS", List.of(), "", operatorConfig());
             Connection onGo = connect(go.clientUrl())) {
            JnatsdServer jnatsd = jnatsd(go);
            awaitCountInterest(go, jnatsd);
            try (Connection onJnatsd = connect(jnatsd.clientUrl())) {
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !admits(go.clientUrl()));
                jnatsd.close();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> admits(go.clientUrl()));
                assertThat(unexpectedErrors(go)).isEmpty();
            } finally {
                jnatsd.close();
            }
        }
    }
}
