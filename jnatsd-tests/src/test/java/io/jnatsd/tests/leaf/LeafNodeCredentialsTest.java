package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Leafs that prove themselves with a {@code .creds} file to an operator-mode jnatsd hub, or with
 * an NKey seed to a hub with NKey users (LEAFNODES.md §5, §6): each is bound to its user's account
 * and carries messages; a user signed by an unknown account key is refused.
 */
class LeafNodeCredentialsTest {
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair ACCOUNT = NKeyPair.generate(NKeyType.ACCOUNT);
    private final List<JnatsdServer> servers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> refusals = new ListAppender<>();
    private final Logger leafLog = (Logger) LoggerFactory.getLogger("io.jnatsd.leaf.LeafConnection");
    @TempDir
    Path dir;

    /** The client library's first signature is slow in a cold JVM: taken here, not inside a 2 s auth timeout. */
    @org.junit.jupiter.api.BeforeAll
    static void warmUpClientSigning() {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
    }

    @BeforeEach
    void captureLog() {
        refusals.start();
        leafLog.addAppender(refusals);
    }

    @AfterEach
    void stop() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
        leafLog.detachAppender(refusals);
    }

    private JnatsdServer start(String config) throws InterruptedException {
        JnatsdServer server = JnatsdServer.builder().configString(config).start();
        servers.add(server);
        return server;
    }

    private Path creds(NKeyPair signer) throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        Path file = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n"
                + JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "u", "user"), signer)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        return file;
    }

    private JnatsdServer operatorHub() throws InterruptedException {
        return start("server_name: OPHUB\noperator: "
                + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR)
                + "\nresolver: MEMORY\nresolver_preload: {\n  " + ACCOUNT.publicKey() + ": "
                + JwtEncoder.encode(JwtEncoder.claims(ACCOUNT.publicKey(), "APP", "account"), OPERATOR)
                + "\n}\nleafnodes { host: 127.0.0.1, port: -1 }\n");
    }

    private JnatsdServer leaf(String name, JnatsdServer hub, String credentials) throws InterruptedException {
        return start("server_name: " + name + "\nleafnodes { remotes: [ { url: \"nats://127.0.0.1:"
                + hub.server().leafNodes().listenPort() + "\", " + credentials + " } ] }\n");
    }

    private static void assertCarries(Connection onHub, Connection onLeaf, JnatsdServer leaf) throws Exception {
        Subscription sub = onHub.subscribe("creds.>");
        onHub.flush(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !leaf.server().account("$G").subscriptions().match("creds.x").isEmpty());
        onLeaf.publish("creds.x", "signed".getBytes());
        assertThat(sub.nextMessage(Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void aLeafWithACredsFileIsBoundToItsUsersAccountOnAnOperatorHub() throws Exception {
        JnatsdServer hub = operatorHub();
        JnatsdServer leaf = leaf("LC", hub, "credentials: \"" + creds(ACCOUNT) + "\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 1
                && leaf.server().leafNodes().connectionCount() == 1);
        try (Connection onHub = Nats.connect(new Options.Builder().server(hub.clientUrl())
                .authHandler(Nats.credentials(creds(ACCOUNT).toString())).build());
             Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            assertCarries(onHub, onLeaf, leaf);
        }
    }

    @Test
    void aLeafWhoseUserNoTrustedAccountSignedIsRefused() throws Exception {
        JnatsdServer hub = operatorHub();
        JnatsdServer leaf = leaf("LF", hub, "credentials: \"" + creds(NKeyPair.generate(NKeyType.ACCOUNT)) + "\"");
        // a refused leaf redials every second: refused twice, it never registered
        await().atMost(Duration.ofSeconds(10)).until(() -> refusals.list.stream()
                .filter(e -> e.getFormattedMessage().endsWith("- authentication error")).count() >= 2);
        assertThat(hub.server().leafNodes().connectionCount()).isZero();
        assertThat(leaf.server().leafNodes().connectionCount()).isZero();
    }

    @Test
    void aLeafWithAnNkeySeedIsBoundToTheAccountOfThatNkeyUser() throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        JnatsdServer hub = start("server_name: NKHUB\naccounts { A { users: [ {nkey: " + user.publicKey() + "}, "
                + "{user: a, password: a} ] } }\nleafnodes { host: 127.0.0.1, port: -1 }\n");
        JnatsdServer leaf = leaf("LN", hub, "nkey: \"" + user.seed() + "\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 1
                && leaf.server().leafNodes().connectionCount() == 1);
        try (Connection onHub = Nats.connect(new Options.Builder().server(hub.clientUrl()).userInfo("a", "a").build());
             Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            assertCarries(onHub, onLeaf, leaf);
        }
    }

    @Test
    void aLeafWithTheSeedOfTheLeafAuthorizationNkeyIsBoundToItsAccount() throws Exception {
        NKeyPair leafKey = NKeyPair.generate(NKeyType.USER);
        JnatsdServer hub = start("server_name: LNHUB\naccounts { A { users: [ {user: a, password: a} ] } }\n"
                + "leafnodes { host: 127.0.0.1, port: -1, authorization { nkey: " + leafKey.publicKey() + ", account: A } }\n");
        JnatsdServer impostor = leaf("LX", hub, "nkey: \"" + NKeyPair.generate(NKeyType.USER).seed() + "\"");
        JnatsdServer leaf = leaf("LK", hub, "nkey: \"" + leafKey.seed() + "\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 1
                && leaf.server().leafNodes().connectionCount() == 1);
        try (Connection onHub = Nats.connect(new Options.Builder().server(hub.clientUrl()).userInfo("a", "a").build());
             Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            assertCarries(onHub, onLeaf, leaf);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> refusals.list.stream()
                .anyMatch(e -> e.getFormattedMessage().contains("- authentication error - Nkey \"")));
        assertThat(impostor.server().leafNodes().connectionCount()).isZero();
    }
}
