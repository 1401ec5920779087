package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jnatsd.JnatsdServer;
import io.jnatsd.transport.tls.ClientTls;
import io.jnatsd.transport.tls.LeafTls;
import io.jnatsd.transport.tls.RouteTls;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code pinned_certs}: a peer whose certificate's key is not pinned is refused once its handshake
 * is done, with nats-server's log line ({@code TLS ... handshake error: certificate not pinned}),
 * for clients, routes and leaf nodes; pinned peers connect as usual. Pins are matched in any case.
 */
class PinnedCertsTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private final ConfiguredServers servers = new ConfiguredServers();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<Class<?>> watched = List.of(ClientTls.class, RouteTls.class, LeafTls.class);

    @BeforeEach
    void captureLog() {
        log.start();
        watched.forEach(type -> ((Logger) LoggerFactory.getLogger(type)).addAppender(log));
    }

    @AfterEach
    void stop() {
        servers.close();
        watched.forEach(type -> ((Logger) LoggerFactory.getLogger(type)).detachAppender(log));
    }

    /** nats-server's key id: hex SHA-256 of the certificate's DER SubjectPublicKeyInfo. */
    private static String keyId(TestCertificate certificate) throws Exception {
        byte[] spki = certificate.certificate.getPublicKey().getEncoded();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
    }

    private boolean logged(String line) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.endsWith(line));
    }

    private static Connection connect(JnatsdServer server, TestCertificate identity) throws Exception {
        return Nats.connect(new Options.Builder().server("tls://127.0.0.1:" + server.port())
                .sslContext(TestPki.clientContext(identity, PKI.ca)).noReconnect()
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    @Test
    void aClientWithAPinnedKeyConnectsAndOneWithAnotherIsRefused() throws Exception {
        JnatsdServer server = servers.start(PKI.tlsBlock("server", "ca", "verify: true\npinned_certs: [\""
                + keyId(PKI.alice).toUpperCase(Locale.ROOT) + "\"]"));
        try (Connection alice = connect(server, PKI.alice)) {
            ClientTlsTest.assertRoundTrip(alice, alice, "pinned");
        }
        assertThatThrownBy(() -> connect(server, PKI.bob)).isInstanceOf(Exception.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> logged("TLS handshake error: certificate not pinned"));
    }

    private JnatsdServer clusterMember(String name, String pinned, int... routePorts) throws Exception {
        StringBuilder routes = new StringBuilder();
        for (int port : routePorts) {
            routes.append("    nats-route://127.0.0.1:").append(port).append('\n');
        }
        return servers.start("server_name: " + name + "\ncluster {\n  name: P\n  host: 127.0.0.1\n  port: -1\n"
                + (routePorts.length == 0 ? "" : "  routes: [\n" + routes + "  ]\n")
                + PKI.tlsBlock("server", "ca", "  verify: true\n  pinned_certs: [\"" + pinned + "\"]") + "}\n");
    }

    @Test
    void routesFormBetweenPinnedPeersOnly() throws Exception {
        JnatsdServer a = clusterMember("A", keyId(PKI.server));
        JnatsdServer b = clusterMember("B", keyId(PKI.server), a.server().cluster().listenPort());
        await().atMost(Duration.ofSeconds(15)).until(() -> a.server().cluster().remoteCount() == 1
                && b.server().cluster().remoteCount() == 1);

        JnatsdServer strict = clusterMember("S", keyId(PKI.alice));
        JnatsdServer refused = clusterMember("R", keyId(PKI.server), strict.server().cluster().listenPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("TLS route handshake error: certificate not pinned"));
        assertThat(strict.server().cluster().remoteCount()).isZero();
        assertThat(refused.server().cluster().remoteCount()).isZero();
    }

    @Test
    void aLeafRemoteChecksTheHubAgainstTheLeafnodesBlocksPins() throws Exception {
        JnatsdServer hub = servers.start("leafnodes { host: 127.0.0.1, port: -1\n" + PKI.tlsBlock("server", "ca", "") + "}");
        int port = hub.server().leafNodes().listenPort();
        JnatsdServer pinnedHub = servers.start("leafnodes {\n" + PKI.tlsBlock("alice", "ca",
                "pinned_certs: [\"" + keyId(PKI.server) + "\"]") + "remotes: [ { url: \"tls://127.0.0.1:" + port
                + "\", tls { ca_file: \"" + PKI.cert("ca") + "\" } } ] }");
        await().atMost(Duration.ofSeconds(15)).until(() -> pinnedHub.server().leafNodes().connectionCount() == 1);

        JnatsdServer otherPins = servers.start("leafnodes {\n" + PKI.tlsBlock("alice", "ca",
                "pinned_certs: [\"" + keyId(PKI.bob) + "\"]") + "remotes: [ { url: \"tls://127.0.0.1:" + port
                + "\", tls { ca_file: \"" + PKI.cert("ca") + "\" } } ] }");
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("TLS leafnode handshake error: certificate not pinned"));
        assertThat(otherPins.server().leafNodes().connectionCount()).isZero();
    }

    @Test
    void aReloadThatPinsClientsClosesTheOnesItDoesNotAdmit() throws Exception {
        String plain = PKI.tlsBlock("server", "ca", "verify: true");
        JnatsdServer server = servers.start(plain);
        try (Connection alice = connect(server, PKI.alice); Connection bob = connect(server, PKI.bob)) {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("jnatsd-pins-", ".conf");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + PKI.tlsBlock("server", "ca",
                    "verify: true\npinned_certs: [\"" + keyId(PKI.alice) + "\"]"));
            assertThat(server.server().reload(io.jnatsd.config.ConfigLoader.load(file))).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.getStatus() != Connection.Status.CONNECTED);
            ClientTlsTest.assertRoundTrip(alice, alice, "still.pinned");
        }
    }
}
