package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same operator, accounts and {@code .creds} files against nats-server 2.10.27 and jnatsd:
 * the JWTs jnatsd's encoder writes are ones nats-server accepts (so they are written as the NATS
 * tools write them), both refuse the same bad credentials, and in a mixed cluster messages of a
 * JWT account cross the route in both directions.
 */
class OperatorModeInteropTest {
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair ACCOUNT = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair OTHER_ACCOUNT = NKeyPair.generate(NKeyType.ACCOUNT);

    @TempDir
    Path dir;

    private static String operatorConfig() {
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR) + "\n"
                + "resolver: MEMORY\nresolver_preload: {\n  " + ACCOUNT.publicKey() + ": "
                + JwtEncoder.encode(JwtEncoder.claims(ACCOUNT.publicKey(), "APP", "account"), OPERATOR) + "\n  "
                + OTHER_ACCOUNT.publicKey() + ": "
                + JwtEncoder.encode(JwtEncoder.claims(OTHER_ACCOUNT.publicKey(), "OTHER", "account"), OPERATOR) + "\n}\n";
    }

    private Path creds(NKeyPair account, NKeyPair signer) throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        Path file = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n"
                + JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "u", "user"), signer)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        return file;
    }

    private static Options options(String url, Path creds) {
        return options(url, creds, Duration.ofSeconds(5));
    }

    /** jnats waits out its connection timeout after a refusal, so refused attempts get a short one. */
    private static Options options(String url, Path creds, Duration timeout) {
        return new Options.Builder().server(url).connectionTimeout(timeout).maxReconnects(0)
                .authHandler(Nats.credentials(creds.toString())).build();
    }

    @Test
    void credsMadeByJnatsdAreAcceptedByNatsServerAndForgedOnesRefusedByBoth() throws Exception {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
        Path conf = dir.resolve("jnatsd.conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\ncluster { name: OPS, listen: 127.0.0.1:-1 }\n" + operatorConfig());
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "OPS", List.of(), "", operatorConfig());
             JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf))) {
            Path good = creds(ACCOUNT, ACCOUNT);
            Path forged = creds(ACCOUNT, NKeyPair.generate(NKeyType.ACCOUNT));
            for (String url : new String[] {go.clientUrl(), jnatsd.clientUrl()}) {
                try (Connection connection = Nats.connect(options(url, good))) {
                    assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                }
                assertThatThrownBy(() -> Nats.connect(options(url, forged, Duration.ofSeconds(1)))).hasMessageContaining("Authorization Violation");
            }
            assertThat(go.log()).doesNotContain(ACCOUNT.seed());
        }
    }

    @Test
    void messagesOfAJwtAccountCrossAMixedClusterBothWays() throws Exception {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "OPS", List.of(), "", operatorConfig())) {
            Path conf = dir.resolve("jnatsd.conf");
            Files.writeString(conf, "host: 127.0.0.1\nport: -1\nserver_name: J\n"
                    + "cluster { name: OPS, listen: 127.0.0.1:-1, routes: [\"nats-route://127.0.0.1:" + go.clusterPort
                    + "\"] }\n" + operatorConfig());
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf));
                 Connection onGo = Nats.connect(options(go.clientUrl(), creds(ACCOUNT, ACCOUNT)));
                 Connection onJnatsd = Nats.connect(options(jnatsd.clientUrl(), creds(ACCOUNT, ACCOUNT)));
                 Connection otherOnGo = Nats.connect(options(go.clientUrl(), creds(OTHER_ACCOUNT, OTHER_ACCOUNT)))) {
                Subscription goSide = onGo.subscribe("orders");
                Subscription jnatsdSide = onJnatsd.subscribe("orders");
                Subscription otherAccount = otherOnGo.subscribe("orders");
                onGo.flush(Duration.ofSeconds(5));
                onJnatsd.flush(Duration.ofSeconds(5));
                otherOnGo.flush(Duration.ofSeconds(5));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                    onJnatsd.publish("orders", new byte[] {1});
                    onGo.publish("orders", new byte[] {2});
                    return goSide.nextMessage(Duration.ofMillis(200)) != null
                            && jnatsdSide.nextMessage(Duration.ofMillis(200)) != null
                            && hasBoth(goSide, jnatsdSide);
                });
                assertThat(otherAccount.nextMessage(Duration.ofMillis(300))).isNull();
                assertThat(go.protocolErrors()).isEmpty();
            }
        }
    }

    /** Both sides have seen a message from the other server since the route formed. */
    private static boolean hasBoth(Subscription goSide, Subscription jnatsdSide) throws InterruptedException {
        boolean goGotOne = false;
        boolean jnatsdGotTwo = false;
        for (int i = 0; i < 20 && !(goGotOne && jnatsdGotTwo); i++) {
            io.nats.client.Message m = goSide.nextMessage(Duration.ofMillis(50));
            goGotOne |= m != null && m.getData()[0] == 1;
            io.nats.client.Message n = jnatsdSide.nextMessage(Duration.ofMillis(50));
            jnatsdGotTwo |= n != null && n.getData()[0] == 2;
        }
        return goGotOne && jnatsdGotTwo;
    }
}
