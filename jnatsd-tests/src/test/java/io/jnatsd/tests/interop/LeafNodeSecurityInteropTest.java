package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.tests.tls.TestPki;
import io.nats.client.Connection;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secured leaf connections between jnatsd and nats-server 2.10.27, both roles: the hub is in
 * operator mode and asks for client certificates, the leaf presents a certificate and a
 * {@code .creds} file (the hub's nonce signed with its seed), and both sides compress with S2
 * (the hub at its default {@code s2_auto}, the leaf at {@code s2_fast}). Messages cross both ways,
 * the Go server's /leafz shows the negotiated modes, and it logs no error. Skipped without
 * {@code NATS_SERVER_210}.
 */
class LeafNodeSecurityInteropTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair ACCOUNT = NKeyPair.generate(NKeyType.ACCOUNT);
    private final List<AutoCloseable> started = new ArrayList<>();
    @TempDir
    Path dir;

    /** The client library's first signature is slow in a cold JVM: taken here, not inside a 2 s auth timeout. */
    @org.junit.jupiter.api.BeforeAll
    static void warmUpClientSigning() {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private static String operatorConfig() {
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR) + "\n"
                + "resolver: MEMORY\nresolver_preload: {\n  " + ACCOUNT.publicKey() + ": "
                + JwtEncoder.encode(JwtEncoder.claims(ACCOUNT.publicKey(), "APP", "account"), OPERATOR) + "\n}\n";
    }

    private Path creds() throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        Path file = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n"
                + JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "u", "user"), ACCOUNT)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        return file;
    }

    private String hubLeafnodes(int port) {
        return "leafnodes {\n  listen: \"127.0.0.1:" + port + "\"\n" + PKI.tlsBlock("server", "ca", "  verify: true") + "}\n";
    }

    private String remote(int hubPort, Path creds) {
        return "leafnodes { remotes: [ { url: \"tls://127.0.0.1:" + hubPort + "\", credentials: \"" + creds + "\"\n"
                + "  compression: s2_fast\n" + PKI.tlsBlock("server", "ca", "") + " } ] }\n";
    }

    private static void exchange(Connection onHub, Connection onLeaf) throws Exception {
        Subscription up = onHub.subscribe("up.>");
        Subscription down = onLeaf.subscribe("down.*");
        onHub.flush(Duration.ofSeconds(2));
        onLeaf.flush(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            onLeaf.publish("up.probe", new byte[0]);
            assertThat(up.nextMessage(Duration.ofMillis(200))).isNotNull();
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            onHub.publish("down.probe", new byte[0]);
            assertThat(down.nextMessage(Duration.ofMillis(200))).isNotNull();
        });
        for (Subscription s : List.of(up, down)) {
            while (s.nextMessage(Duration.ofMillis(100)) != null) {
                // probes sent while interest was still propagating
            }
        }
        byte[] payload = "{\"reading\":42,\"unit\":\"C\",\"site\":\"edge\"}".repeat(10).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 500; i++) {
            onLeaf.publish("up.x", payload);
            onHub.publish("down.x", payload);
        }
        for (int i = 0; i < 500; i++) {
            Message u = up.nextMessage(Duration.ofSeconds(5));
            assertThat(u).as("message %d up", i).isNotNull();
            assertThat(u.getData()).isEqualTo(payload);
            Message d = down.nextMessage(Duration.ofSeconds(5));
            assertThat(d).as("message %d down", i).isNotNull();
            assertThat(d.getData()).isEqualTo(payload);
        }
        assertThat(up.nextMessage(Duration.ofMillis(100))).isNull();
    }

    private static Options hubClient(String url, Path creds) {
        return new Options.Builder().server(url).authHandler(Nats.credentials(creds.toString())).build();
    }

    @Test
    void aJnatsdLeafWithCertificateAndCredsJoinsAGoOperatorHubOverCompressedTls() throws Exception {
        int leafPort = GoServer.freePort();
        GoServer hub = GoServer.start("NATS_SERVER_210", "GH", "GHC", List.of(), "", operatorConfig() + hubLeafnodes(leafPort));
        started.add(hub);
        JnatsdServer leaf = JnatsdServer.builder().configString("server_name: JL\n" + remote(leafPort, creds())).start();
        started.add(leaf);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(hub.monitor("leafz").path("leafnodes").asInt()).isEqualTo(1);
            assertThat(leaf.server().leafNodes().connectionCount()).isEqualTo(1);
        });
        assertThat(hub.monitor("leafz").path("leafs").get(0).path("account").asText()).isEqualTo(ACCOUNT.publicKey());
        assertThat(hub.monitor("leafz").path("leafs").get(0).path("compression").asText()).startsWith("s2_");
        assertThat(leaf.server().leafNodes().compressionModes()).containsExactly("s2_fast");
        try (Connection onHub = Nats.connect(hubClient(hub.clientUrl(), creds()));
             Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            exchange(onHub, onLeaf);
        }
        assertThat(hub.protocolErrors()).as("errors in GH's log").isEmpty();
    }

    @Test
    void aGoLeafWithCertificateAndCredsJoinsAJnatsdOperatorHubOverCompressedTls() throws Exception {
        int leafPort = GoServer.freePort();
        JnatsdServer hub = JnatsdServer.builder().configString("server_name: JH\nhost: 127.0.0.1\nport: -1\n"
                + operatorConfig() + hubLeafnodes(leafPort)).start();
        started.add(hub);
        GoServer leaf = GoServer.start("NATS_SERVER_210", "GL", "GLC", List.of(), "", remote(leafPort, creds()));
        started.add(leaf);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(hub.server().leafNodes().connectionCount()).isEqualTo(1);
            assertThat(leaf.monitor("leafz").path("leafnodes").asInt()).isEqualTo(1);
        });
        assertThat(leaf.monitor("leafz").path("leafs").get(0).path("compression").asText()).isEqualTo("s2_fast");
        assertThat(hub.server().leafNodes().compressionModes()).singleElement().asString().startsWith("s2_");
        try (Connection onHub = Nats.connect(hubClient(hub.clientUrl(), creds()));
             Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            exchange(onHub, onLeaf);
        }
        assertThat(leaf.protocolErrors()).as("errors in GL's log").isEmpty();
    }

    @Test
    void leafsProveTheLeafAuthorizationNkeyWithItsSeedInBothRoles() throws Exception {
        NKeyPair leafKey = NKeyPair.generate(NKeyType.USER);
        String authorization = "authorization { nkey: " + leafKey.publicKey() + ", account: A }";
        String remote = "nkey: \"" + leafKey.seed() + "\"";
        int goHubPort = GoServer.freePort();
        GoServer goHub = GoServer.start("NATS_SERVER_210", "GHN", "GHNC", List.of(), "",
                "accounts { A { users: [ {user: a, password: a} ] } }\nleafnodes { listen: \"127.0.0.1:" + goHubPort
                        + "\", " + authorization + " }\n");
        started.add(goHub);
        JnatsdServer jnatsdHub = JnatsdServer.builder().configString("server_name: JHN\naccounts { A { users: [ "
                + "{user: a, password: a} ] } }\nleafnodes { host: 127.0.0.1, port: -1, " + authorization + " }\n").start();
        started.add(jnatsdHub);
        JnatsdServer jnatsdLeaf = JnatsdServer.builder().configString("server_name: JLN\nleafnodes { remotes: [ { url: "
                + "\"nats://127.0.0.1:" + goHubPort + "\", " + remote + " } ] }\n").start();
        started.add(jnatsdLeaf);
        GoServer goLeaf = GoServer.start("NATS_SERVER_210", "GLN", "GLNC", List.of(), "", "leafnodes { remotes: [ { url: "
                + "\"nats://127.0.0.1:" + jnatsdHub.server().leafNodes().listenPort() + "\", " + remote + " } ] }\n");
        started.add(goLeaf);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(goHub.monitor("leafz").path("leafs").get(0).path("account").asText()).isEqualTo("A");
            assertThat(jnatsdLeaf.server().leafNodes().connectionCount()).isEqualTo(1);
            assertThat(jnatsdHub.server().leafNodes().connectionCount()).isEqualTo(1);
            assertThat(goLeaf.monitor("leafz").path("leafnodes").asInt()).isEqualTo(1);
        });
        Options hubUser = new Options.Builder().userInfo("a", "a").build();
        try (Connection onGoHub = Nats.connect(new Options.Builder(hubUser).server(goHub.clientUrl()).build());
             Connection onJnatsdLeaf = Nats.connect(jnatsdLeaf.clientUrl())) {
            exchange(onGoHub, onJnatsdLeaf);
        }
        try (Connection onJnatsdHub = Nats.connect(new Options.Builder(hubUser).server(jnatsdHub.clientUrl()).build());
             Connection onGoLeaf = Nats.connect(goLeaf.clientUrl())) {
            exchange(onJnatsdHub, onGoLeaf);
        }
        assertThat(goHub.protocolErrors()).isEmpty();
        assertThat(goLeaf.protocolErrors()).isEmpty();
    }
}
