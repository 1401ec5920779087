package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache resolver in a mixed cluster with nats-server 2.10.27: a jnatsd cache fetches an
 * account from a nats-server full resolver when its user connects, and a nats-server cache
 * fetches one from a jnatsd full resolver; a push reaches the full resolver and the cache skips
 * it, both kinds of cache answering in the same words; a delete signed by the operator is taken
 * by both kinds of server alike.
 */
class CacheResolverInteropTest {
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair SYSTEM = NKeyPair.generate(NKeyType.ACCOUNT);

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
    }

    private static String account(NKeyPair account, String name) {
        return JwtEncoder.encode(JwtEncoder.claims(account.publicKey(), name, "account"), OPERATOR);
    }

    private Path directory(String name) throws Exception {
        Path jwts = Files.createDirectories(dir.resolve(name));
        Files.writeString(jwts.resolve(SYSTEM.publicKey() + ".jwt"), account(SYSTEM, "SYS"));
        return jwts;
    }

    private static String operatorConfig(Path jwts, String type) {
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR)
                + "\nsystem_account: " + SYSTEM.publicKey() + "\nresolver: { type: " + type + ", dir: \""
                + jwts.toString().replace("\\", "/") + "\" }\n";
    }

    private JnatsdServer jnatsd(int goClusterPort, String resolverConfig) throws Exception {
        Path conf = dir.resolve("jnatsd.conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\nserver_name: J\ncluster { name: RES, listen: 127.0.0.1:-1, "
                + "routes: [\"nats-route://127.0.0.1:" + goClusterPort + "\"] }\n" + resolverConfig);
        return JnatsdServer.start(ConfigLoader.load(conf));
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

    private static Options options(String url, Path creds) {
        return new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0)
                .authHandler(Nats.credentials(creds.toString())).build();
    }

    private static boolean connects(String url, Path creds) {
        try (Connection connection = Nats.connect(options(url, creds))) {
            return connection.getStatus() == Connection.Status.CONNECTED;
        } catch (Exception e) {
            return false;
        }
    }

    /** Pushes until both servers answered; their answers' messages by server name. */
    private static Map<String, String> push(Connection system, String jwt) {
        String inbox = system.createInbox();
        Subscription replies = system.subscribe(inbox);
        Map<String, String> answered = new HashMap<>();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            system.publish("$SYS.REQ.CLAIMS.UPDATE", inbox, jwt.getBytes(StandardCharsets.UTF_8));
            for (Message m = replies.nextMessage(Duration.ofMillis(300)); m != null;
                 m = replies.nextMessage(Duration.ofMillis(100))) {
                String reply = new String(m.getData(), StandardCharsets.UTF_8);
                answered.put(reply.replaceAll(".*\"name\":\"(GO|J)\".*", "$1"),
                        reply.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1"));
            }
            return answered.size() == 2;
        });
        replies.unsubscribe();
        return answered;
    }

    @Test
    void aJnatsdCacheFetchesFromANatsServerFullResolverAndSkipsPushesOfAccountsItDoesNotHold() throws Exception {
        Path goJwts = directory("go");
        NKeyPair known = NKeyPair.generate(NKeyType.ACCOUNT);
        Files.writeString(goJwts.resolve(known.publicKey() + ".jwt"), account(known, "KNOWN"));
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "RES", List.of(), "", operatorConfig(goJwts, "full"));
             JnatsdServer jnatsd = jnatsd(go.clusterPort, operatorConfig(directory("jnatsd"), "cache"));
             Connection system = Nats.connect(options(jnatsd.clientUrl(), creds(SYSTEM)))) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> connects(jnatsd.clientUrl(), creds(known)));
            assertThat(dir.resolve("jnatsd").resolve(known.publicKey() + ".jwt")).exists();

            NKeyPair pushed = NKeyPair.generate(NKeyType.ACCOUNT);
            Map<String, String> answers = push(system, account(pushed, "PUSHED"));
            assertThat(answers).containsEntry("GO", "jwt updated").containsEntry("J", "jwt update cache skipped");
            assertThat(connects(jnatsd.clientUrl(), creds(pushed))).isTrue();
            assertThat(go.protocolErrors()).isEmpty();
        }
    }

    @Test
    void aNatsServerCacheFetchesFromAJnatsdFullResolver() throws Exception {
        Path jnatsdJwts = directory("jnatsd");
        NKeyPair known = NKeyPair.generate(NKeyType.ACCOUNT);
        Files.writeString(jnatsdJwts.resolve(known.publicKey() + ".jwt"), account(known, "KNOWN"));
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "RES", List.of(), "",
                operatorConfig(directory("go"), "cache"));
             JnatsdServer jnatsd = jnatsd(go.clusterPort, operatorConfig(jnatsdJwts, "full"));
             Connection system = Nats.connect(options(jnatsd.clientUrl(), creds(SYSTEM)))) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> connects(go.clientUrl(), creds(known)));
            assertThat(dir.resolve("go").resolve(known.publicKey() + ".jwt")).exists();

            NKeyPair pushed = NKeyPair.generate(NKeyType.ACCOUNT);
            Map<String, String> answers = push(system, account(pushed, "PUSHED"));
            assertThat(answers).containsEntry("J", "jwt updated").containsEntry("GO", "jwt update cache skipped");
            assertThat(connects(go.clientUrl(), creds(pushed))).isTrue();
            assertThat(go.protocolErrors()).isEmpty();
        }
    }

    @Test
    void aDeleteSignedByTheOperatorRemovesTheAccountFromBothKindsOfServer() throws Exception {
        NKeyPair doomed = NKeyPair.generate(NKeyType.ACCOUNT);
        String doomedJwt = account(doomed, "DOOMED");
        Path goJwts = directory("go");
        Path jnatsdJwts = directory("jnatsd");
        Files.writeString(goJwts.resolve(doomed.publicKey() + ".jwt"), doomedJwt);
        Files.writeString(jnatsdJwts.resolve(doomed.publicKey() + ".jwt"), doomedJwt);
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "RES", List.of(), "",
                operatorConfig(goJwts, "full, allow_delete: true"));
             JnatsdServer jnatsd = jnatsd(go.clusterPort, operatorConfig(jnatsdJwts, "full, allow_delete: true"));
             Connection system = Nats.connect(options(jnatsd.clientUrl(), creds(SYSTEM)))) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> connects(go.clientUrl(), creds(doomed)));
            com.fasterxml.jackson.databind.node.ObjectNode delete = JwtEncoder.claims(OPERATOR.publicKey(), "delete", "generic");
            ((com.fasterxml.jackson.databind.node.ObjectNode) delete.get("nats")).putArray("accounts").add(doomed.publicKey());
            String request = JwtEncoder.encode(delete, OPERATOR);
            String inbox = system.createInbox();
            Subscription replies = system.subscribe(inbox);
            Map<String, String> answered = new HashMap<>();
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
                system.publish("$SYS.REQ.CLAIMS.DELETE", inbox, request.getBytes(StandardCharsets.UTF_8));
                for (Message m = replies.nextMessage(Duration.ofMillis(300)); m != null;
                     m = replies.nextMessage(Duration.ofMillis(100))) {
                    String reply = new String(m.getData(), StandardCharsets.UTF_8);
                    answered.put(reply.replaceAll(".*\"name\":\"(GO|J)\".*", "$1"),
                            reply.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1"));
                }
                return answered.size() == 2;
            });
            assertThat(answered).containsEntry("GO", "deleted 1 accounts").containsEntry("J", "deleted 1 accounts");
            assertThat(goJwts.resolve(doomed.publicKey() + ".jwt.deleted")).exists();
            assertThat(jnatsdJwts.resolve(doomed.publicKey() + ".jwt.deleted")).exists();
            assertThat(connects(jnatsd.clientUrl(), creds(doomed))).isFalse();
            assertThat(connects(go.clientUrl(), creds(doomed))).isFalse();
        }
    }
}
