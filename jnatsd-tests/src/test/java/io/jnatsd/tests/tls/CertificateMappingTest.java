package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.AuthResult;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.protocol.ConnectOptions;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code verify_and_map}: the client certificate names the user, whose permissions then apply. */
class CertificateMappingTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private static final String USERS = """
            authorization {
              users = [
                { user: "alice@example.com", permissions: { publish: "alice.>", subscribe: ["alice.>", "_INBOX.>"] } }
                { user: "CN=bob, OU=NATS, O=Acme", permissions: { publish: "bob.>", subscribe: "bob.>" } }
                { user: "localhost", password: "secret" }
              ]
            }
            """;
    private final ConfiguredServers servers = new ConfiguredServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    private JnatsdServer start() throws Exception {
        return servers.start(PKI.tlsBlock("server", "ca", "  verify_and_map: true") + USERS);
    }

    @Test
    void aClientIsTheUserItsCertificateNamesAndGetsThatUsersPermissions() throws Exception {
        JnatsdServer server = start();
        List<String> errors = new CopyOnWriteArrayList<>();
        Options options = new Options.Builder().server(server.clientUrl()).noReconnect()
                .sslContext(TestPki.clientContext(PKI.alice, PKI.ca))
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                }).build();
        try (Connection alice = Nats.connect(options)) {
            ClientTlsTest.assertRoundTrip(alice, alice, "alice.news");
            alice.publish("bob.secret", new byte[0]);
            await().atMost(Duration.ofSeconds(5)).until(() -> !errors.isEmpty());
            assertThat(errors).first().asString().contains("Permissions Violation for Publish to \"bob.secret\"");
            assertThat(server.server().clients()).singleElement()
                    .satisfies(c -> assertThat(c.user()).isEqualTo("alice@example.com"));
        }
    }

    @Test
    void aCertificateWithoutAlternativeNamesMapsThroughItsSubjectDn() throws Exception {
        JnatsdServer server = start();
        try (Connection bob = ClientTlsTest.connect(server, TestPki.clientContext(PKI.bob, PKI.ca))) {
            ClientTlsTest.assertRoundTrip(bob, bob, "bob.news");
            assertThat(server.server().clients()).singleElement()
                    .satisfies(c -> assertThat(c.user()).isEqualTo("CN=bob, OU=NATS, O=Acme"));
        }
    }

    @Test
    void aCertificateThatNamesNoUserIsAnAuthorizationViolation() throws Exception {
        JnatsdServer server = start();
        TestCertificate dave = PKI.ca.issue("CN=dave,O=jnatsd").client().sign();
        assertThat(connectWith(server, dave)).isEqualTo("-ERR 'Authorization Violation'\r\n");
    }

    @Test
    void aMappedUserWithAPasswordMustStillSendIt() throws Exception {
        JnatsdServer server = start();
        // the server certificate names DNS "localhost": a user configured with a password
        assertThat(connectWith(server, PKI.server)).isEqualTo("-ERR 'Authorization Violation'\r\n");
    }

    /** The first line answering a CONNECT and PING sent over TLS with this client certificate. */
    private static String connectWith(JnatsdServer server, TestCertificate certificate) throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            assertThat(raw.readLine()).contains("\"auth_required\":true").contains("\"tls_verify\":true");
            raw.upgrade(TestPki.clientContext(certificate, PKI.ca));
            raw.send("CONNECT {\"verbose\":false}\r\nPING\r\n");
            return raw.readLine();
        }
    }

    @Test
    void namesAreTriedInNatsServerOrderEmailThenDnsThenUriThenSubject() throws Exception {
        TestCertificate many = PKI.ca.issue("CN=carol,O=jnatsd").dns("carol.example").email("carol@example.com")
                .uri("spiffe://example/carol").client().sign();
        assertThat(userFor(many, "CN=carol,O=jnatsd", "spiffe://example/carol", "carol.example", "carol@example.com"))
                .isEqualTo("carol@example.com");
        assertThat(userFor(many, "CN=carol,O=jnatsd", "spiffe://example/carol", "carol.example")).isEqualTo("carol.example");
        assertThat(userFor(many, "CN=carol,O=jnatsd", "spiffe://example/carol")).isEqualTo("spiffe://example/carol");
        assertThat(userFor(many, "cn=carol, o=jnatsd")).as("a DN compares as a DN").isEqualTo("cn=carol, o=jnatsd");
        assertThat(userFor(many, "O=jnatsd,CN=carol")).as("RDN order matters").isNull();
        assertThat(userFor(many, "carol")).as("the common name alone is not a user").isNull();
    }

    private static String userFor(TestCertificate certificate, String... users) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String user : users) {
            list.append("    { user: \"").append(user).append("\" }\n");
        }
        Path file = Files.createTempFile("jnatsd-map-", ".conf");
        try {
            Files.writeString(file, PKI.tlsBlock("server", "ca", "  verify_and_map: true")
                    + "authorization { users = [\n" + list + "] }\n");
            Authenticator authenticator = new Authenticator(ConfigLoader.load(file));
            AuthResult result = authenticator.authenticate(ConnectOptions.DEFAULTS, certificate.certificate);
            return result == null ? null : result.user();
        } finally {
            Files.delete(file);
        }
    }
}
