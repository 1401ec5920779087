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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full account resolver in a mixed cluster with nats-server 2.10.27, the same operator and
 * each server with its own resolver directory: a claims update pushed through either server is
 * answered by both and stored by both, and a directory nats-server wrote starts a jnatsd server.
 */
class FullResolverInteropTest {
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair SYSTEM = NKeyPair.generate(NKeyType.ACCOUNT);

    @TempDir
    Path dir;

    private static String account(NKeyPair account, String name) {
        return JwtEncoder.encode(JwtEncoder.claims(account.publicKey(), name, "account"), OPERATOR);
    }

    private Path directory(String name) throws Exception {
        Path jwts = Files.createDirectories(dir.resolve(name));
        Files.writeString(jwts.resolve(SYSTEM.publicKey() + ".jwt"), account(SYSTEM, "SYS"));
        return jwts;
    }

    private static String operatorConfig(Path jwts) {
        return operatorConfig(jwts, "");
    }

    private static String operatorConfig(Path jwts, String resolverOptions) {
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR)
                + "\nsystem_account: " + SYSTEM.publicKey() + "\nresolver: { type: full, dir: \""
                + jwts.toString().replace("\\", "/") + "\"" + resolverOptions + " }\n";
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

    /** Pushes {@code jwt} until both servers answered it with code 200 (their subscriptions may still be crossing the route). */
    private static void push(Connection system, String jwt) {
        String inbox = system.createInbox();
        Subscription replies = system.subscribe(inbox);
        Set<String> answered = new HashSet<>();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            system.publish("$SYS.REQ.CLAIMS.UPDATE", inbox, jwt.getBytes(StandardCharsets.UTF_8));
            for (Message m = replies.nextMessage(Duration.ofMillis(300)); m != null;
                 m = replies.nextMessage(Duration.ofMillis(100))) {
                String reply = new String(m.getData(), StandardCharsets.UTF_8);
                assertThat(reply).contains("\"code\":200").contains("\"message\":\"jwt updated\"");
                answered.add(reply.replaceAll(".*\"name\":\"(GO|J)\".*", "$1"));
            }
            return answered.size() == 2;
        });
        replies.unsubscribe();
    }

    @Test
    void claimsPushedThroughEitherServerReachBothAndNatsServersDirectoryStartsJnatsd() throws Exception {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
        Path goJwts = directory("go");
        Path jnatsdJwts = directory("jnatsd");
        NKeyPair viaGo = NKeyPair.generate(NKeyType.ACCOUNT);
        NKeyPair viaJnatsd = NKeyPair.generate(NKeyType.ACCOUNT);
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "RES", List.of(), "", operatorConfig(goJwts))) {
            Path conf = dir.resolve("jnatsd.conf");
            Files.writeString(conf, "host: 127.0.0.1\nport: -1\nserver_name: J\ncluster { name: RES, listen: 127.0.0.1:-1, "
                    + "routes: [\"nats-route://127.0.0.1:" + go.clusterPort + "\"] }\n" + operatorConfig(jnatsdJwts));
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf));
                 Connection onGo = Nats.connect(options(go.clientUrl(), creds(SYSTEM)));
                 Connection onJnatsd = Nats.connect(options(jnatsd.clientUrl(), creds(SYSTEM)))) {
                String goPushed = account(viaGo, "VIA_GO");
                push(onGo, goPushed);
                assertThat(Files.readString(jnatsdJwts.resolve(viaGo.publicKey() + ".jwt"))).isEqualTo(goPushed);
                assertThat(Files.readString(goJwts.resolve(viaGo.publicKey() + ".jwt"))).isEqualTo(goPushed);
                assertThat(connects(jnatsd.clientUrl(), creds(viaGo))).isTrue();

                String jnatsdPushed = account(viaJnatsd, "VIA_JNATSD");
                push(onJnatsd, jnatsdPushed);
                // Checked before any user connects to nats-server, which would otherwise look the account up.
                assertThat(Files.readString(goJwts.resolve(viaJnatsd.publicKey() + ".jwt"))).isEqualTo(jnatsdPushed);
                assertThat(connects(go.clientUrl(), creds(viaJnatsd))).isTrue();
                assertThat(go.protocolErrors()).isEmpty();
            }
        }
        // The directory nats-server wrote serves jnatsd as it is.
        Path conf = dir.resolve("from-go.conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\n" + operatorConfig(goJwts));
        try (JnatsdServer fromGo = JnatsdServer.start(ConfigLoader.load(conf))) {
            assertThat(connects(fromGo.clientUrl(), creds(viaGo))).isTrue();
            assertThat(connects(fromGo.clientUrl(), creds(viaJnatsd))).isTrue();
        }
    }

    /** Each server starts with an account the other lacks; their periodic PACK requests even the directories out. */
    @Test
    void eachKindOfServerCatchesUpFromTheOtherThroughPackRequests() throws Exception {
        Path goJwts = directory("go");
        Path jnatsdJwts = directory("jnatsd");
        NKeyPair onlyGo = NKeyPair.generate(NKeyType.ACCOUNT);
        NKeyPair onlyJnatsd = NKeyPair.generate(NKeyType.ACCOUNT);
        String onlyGoJwt = account(onlyGo, "ONLY_GO");
        String onlyJnatsdJwt = account(onlyJnatsd, "ONLY_JNATSD");
        Files.writeString(goJwts.resolve(onlyGo.publicKey() + ".jwt"), onlyGoJwt);
        Files.writeString(jnatsdJwts.resolve(onlyJnatsd.publicKey() + ".jwt"), onlyJnatsdJwt);
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "RES", List.of(), "",
                operatorConfig(goJwts, ", interval: \"1s\""))) {
            Path conf = dir.resolve("jnatsd.conf");
            Files.writeString(conf, "host: 127.0.0.1\nport: -1\nserver_name: J\ncluster { name: RES, listen: 127.0.0.1:-1, "
                    + "routes: [\"nats-route://127.0.0.1:" + go.clusterPort + "\"] }\n"
                    + operatorConfig(jnatsdJwts, ", interval: \"300ms\""));
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf))) {
                Path fromGo = jnatsdJwts.resolve(onlyGo.publicKey() + ".jwt");
                Path fromJnatsd = goJwts.resolve(onlyJnatsd.publicKey() + ".jwt");
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(fromGo) && Files.exists(fromJnatsd));
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(fromGo).equals(onlyGoJwt)
                        && Files.readString(fromJnatsd).equals(onlyJnatsdJwt));
                assertThat(connects(jnatsd.clientUrl(), creds(onlyGo))).isTrue();
                assertThat(go.protocolErrors()).isEmpty();
            }
        }
    }
}
