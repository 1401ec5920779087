package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client TLS with real jnats clients and raw sockets: required, verify, optional, handshake first. */
class ClientTlsTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private final ConfiguredServers servers = new ConfiguredServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    static Connection connect(JnatsdServer server, SSLContext tls) throws Exception {
        Options.Builder options = new Options.Builder().server(server.clientUrl()).noReconnect()
                .connectionTimeout(Duration.ofSeconds(3));
        if (tls != null) {
            options.sslContext(tls);
        }
        return Nats.connect(options.build());
    }

    static void assertRoundTrip(Connection subscriber, Connection publisher, String subject) throws Exception {
        Subscription subscription = subscriber.subscribe(subject);
        subscriber.flush(Duration.ofSeconds(2));
        publisher.publish(subject, "hello".getBytes());
        Message message = subscription.nextMessage(Duration.ofSeconds(2));
        assertThat(message).as("message on " + subject).isNotNull();
        assertThat(new String(message.getData())).isEqualTo("hello");
    }

    /** Whether a TLS client presenting {@code certificate} (may be null) is turned away. */
    private static boolean refused(JnatsdServer server, TestCertificate certificate) throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.readLine();
            try {
                raw.upgrade(TestPki.clientContext(certificate, PKI.ca));
            } catch (java.io.IOException handshakeFailed) {
                return true;
            }
            return raw.refusesConnect();
        }
    }

    @Test
    void aTlsClientTalksToAServerThatRequiresTlsAfterReadingTheInfoInClear() throws Exception {
        JnatsdServer server = servers.start(PKI.tlsBlock("server", null, ""));
        try (RawClient raw = new RawClient(server.port())) {
            String info = raw.readLine();
            assertThat(info).startsWith("INFO {").contains("\"tls_required\":true").doesNotContain("tls_verify");
        }
        SSLContext trustingCa = TestPki.clientContext(null, PKI.ca);
        try (Connection a = connect(server, trustingCa); Connection b = connect(server, trustingCa)) {
            assertRoundTrip(a, b, "secure.subject");
        }
    }

    @Test
    void aServerWithAnRsaCertificateServesTlsClients() throws Exception {
        JnatsdServer server = servers.start(PKI.tlsBlock("server-rsa", null, ""));
        try (Connection a = connect(server, TestPki.clientContext(null, PKI.ca))) {
            assertRoundTrip(a, a, "rsa");
        }
    }

    @Test
    void aPlainClientThatDoesNotUpgradeIsClosedWithoutAnAnswer() throws Exception {
        JnatsdServer server = servers.start(PKI.tlsBlock("server", null, ""));
        try (RawClient raw = new RawClient(server.port())) {
            raw.readLine();
            assertThat(raw.refusesConnect()).isTrue();
        }
    }

    @Test
    void aClientThatNeverStartsTheHandshakeIsClosedWithoutAWordAfterTheTimeout() throws Exception {
        // nats-server 2.10.27 (tls timeout 1 s, with and without handshake_first): closed after 1.0 s, 0 bytes.
        JnatsdServer server = servers.start(PKI.tlsBlock("server", null, "  timeout: 0.3"));
        try (RawClient raw = new RawClient(server.port())) {
            assertThat(raw.readLine()).startsWith("INFO ");
            long started = System.nanoTime();
            assertThat(raw.readLine()).as("nothing after the INFO").isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(200));
        }
    }

    @Test
    void verifyAdmitsClientsWithACertificateFromTheCaOnly() throws Exception {
        JnatsdServer server = servers.start(PKI.tlsBlock("server", "ca", "  verify: true"));
        try (RawClient raw = new RawClient(server.port())) {
            assertThat(raw.readLine()).contains("\"tls_required\":true").contains("\"tls_verify\":true");
        }
        try (Connection alice = connect(server, TestPki.clientContext(PKI.alice, PKI.ca))) {
            assertRoundTrip(alice, alice, "verified");
        }
        assertThat(refused(server, PKI.alice)).as("a certificate from the CA").isFalse();
        assertThat(refused(server, null)).as("no client certificate").isTrue();
        assertThat(refused(server, PKI.otherServer)).as("certificate from another CA").isTrue();
        assertThat(refused(server, PKI.expiredServer)).as("expired certificate").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server().clients().isEmpty());
    }

    @Test
    void allowNonTlsServesPlainAndTlsClientsTogether() throws Exception {
        JnatsdServer server = servers.start(PKI.tlsBlock("server", null, "") + "allow_non_tls: true\n");
        try (RawClient raw = new RawClient(server.port())) {
            assertThat(raw.readLine()).contains("\"tls_available\":true").doesNotContain("tls_required");
            raw.send("CONNECT {\"verbose\":false}\r\nPING\r\n");
            assertThat(raw.readLine()).isEqualTo("PONG\r\n");
        }
        try (Connection plain = connect(server, null);
             Connection secure = connect(server, TestPki.clientContext(null, PKI.ca))) {
            assertRoundTrip(plain, secure, "mixed.a");
            assertRoundTrip(secure, plain, "mixed.b");
        }
    }

    @Test
    void handshakeFirstStartsTlsBeforeTheInfo() throws Exception {
        JnatsdServer server = servers.start(PKI.tlsBlock("server", null, "  handshake_first: true\n  timeout: 0.3"));
        try (RawClient raw = new RawClient(server.port())) {
            assertThat(raw.readLine()).as("nothing in clear, and nothing at the timeout").isEmpty();
        }
        Options options = new Options.Builder().server(server.clientUrl()).noReconnect().tlsFirst()
                .sslContext(TestPki.clientContext(null, PKI.ca)).build();
        try (Connection first = Nats.connect(options)) {
            assertRoundTrip(first, first, "first");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"auto\"", "\"300ms\""})
    void handshakeFirstWithAFallbackServesTlsFirstClientsAndClientsThatWaitForTheInfo(String value) throws Exception {
        // nats-server 2.10.27: a client silent for the delay (50 ms for auto) gets the INFO in clear, then TLS
        JnatsdServer server = servers.start(PKI.tlsBlock("server", null, "  handshake_first: " + value));
        try (RawClient raw = new RawClient(server.port())) {
            assertThat(raw.readLine()).as("INFO in clear after the delay").startsWith("INFO ").contains("\"tls_required\":true");
            raw.upgrade(TestPki.clientContext(null, PKI.ca));
            raw.send("CONNECT {\"verbose\":false}\r\nPING\r\n");
            assertThat(raw.readLine()).isEqualTo("PONG\r\n");
        }
        Options first = new Options.Builder().server(server.clientUrl()).noReconnect().tlsFirst()
                .sslContext(TestPki.clientContext(null, PKI.ca)).build();
        try (Connection tlsFirst = Nats.connect(first);
             Connection infoFirst = connect(server, TestPki.clientContext(null, PKI.ca))) {
            assertRoundTrip(tlsFirst, infoFirst, "fallback.a");
            assertRoundTrip(infoFirst, tlsFirst, "fallback.b");
        }
    }

    @Test
    void aReloadPicksUpANewServerCertificateForNewConnections() throws Exception {
        Path file = Files.createTempFile("jnatsd-tls-reload-", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + PKI.tlsBlock("server", null, ""));
        try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file))) {
            assertThat(serverKeyAlgorithm(server)).isEqualTo("EC");
            Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + PKI.tlsBlock("server-rsa", null, ""));
            assertThat(server.server().reload(ConfigLoader.load(file))).isEmpty();
            assertThat(serverKeyAlgorithm(server)).isEqualTo("RSA");
        }
    }

    private static String serverKeyAlgorithm(JnatsdServer server) throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.readLine();
            return raw.upgrade(TestPki.clientContext(null, PKI.ca)).serverCertificate().getPublicKey().getAlgorithm();
        }
    }
}
