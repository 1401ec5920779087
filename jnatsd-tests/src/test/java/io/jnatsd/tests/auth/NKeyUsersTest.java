package io.jnatsd.tests.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.tests.protocol.RawClient;
import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NKey users (authorization users and account users): INFO carries a 15-character nonce as
 * nats-server's does, a real jnats client signs it with its seed, and a wrong signature, an
 * unknown key or a missing signature gets {@code -ERR 'Authorization Violation'}.
 */
class NKeyUsersTest {
    private static final NKeyPair ALICE = NKeyPair.generate(NKeyType.USER);
    private static final NKeyPair LIMITED = NKeyPair.generate(NKeyType.USER);
    private static final NKeyPair IN_ACCOUNT = NKeyPair.generate(NKeyType.USER);
    private static final NKeyPair WEBSOCKET_ONLY = NKeyPair.generate(NKeyType.USER);

    @TempDir
    static Path dir;
    static JnatsdServer server;

    @BeforeAll
    static void start() throws Exception {
        Path conf = dir.resolve("nkeys.conf");
        Files.writeString(conf, """
                host: 127.0.0.1
                port: -1
                authorization {
                  timeout: 10
                  users: [
                    {nkey: %s}
                    {nkey: %s, permissions: {publish: "allowed.>", subscribe: "_INBOX.>"}}
                    {nkey: %s, allowed_connection_types: ["WEBSOCKET"]}
                    {user: bob, password: pw}
                  ]
                }
                accounts { APP { users: [ {nkey: %s} ] } }
                """.formatted(ALICE.publicKey(), LIMITED.publicKey(), WEBSOCKET_ONLY.publicKey(),
                IN_ACCOUNT.publicKey()));
        server = JnatsdServer.start(ConfigLoader.load(conf));
        // jnats signs with BouncyCastle, whose first use takes seconds on a busy machine: pay it
        // here rather than inside a connection timeout.
        Nats.staticCredentials(null, ALICE.seed().toCharArray()).sign(new byte[1]);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Options.Builder options(NKeyPair user) {
        return new Options.Builder().server(server.clientUrl()).connectionTimeout(Duration.ofSeconds(10))
                .maxReconnects(0).authHandler(Nats.staticCredentials(null, user.seed().toCharArray()));
    }

    /** jnats waits out its connection timeout after a refusal, so refused attempts get a short one. */
    private static Options.Builder refused(NKeyPair user) {
        return options(user).connectionTimeout(Duration.ofSeconds(1));
    }

    @Test
    void infoCarriesANonceOf15Base64UrlCharactersNewForEachConnection() throws Exception {
        String first;
        try (RawClient client = RawClient.open(server.port())) {
            first = nonce(client.readLine());
        }
        try (RawClient client = RawClient.open(server.port())) {
            String second = nonce(client.readLine());
            assertThat(second).matches("[A-Za-z0-9_-]{15}").isNotEqualTo(first);
        }
        assertThat(first).matches("[A-Za-z0-9_-]{15}");
    }

    @Test
    void aJnatsClientSigningWithItsSeedConnectsAndExchangesMessages() throws Exception {
        try (Connection connection = Nats.connect(options(ALICE).build())) {
            Subscription subscription = connection.subscribe("greeting");
            connection.publish("greeting", "hi".getBytes(StandardCharsets.UTF_8));
            Message message = subscription.nextMessage(Duration.ofSeconds(5));
            assertThat(message).isNotNull();
        }
    }

    @Test
    void anNkeyUserOfAnAccountLandsInThatAccount() throws Exception {
        try (Connection app = Nats.connect(options(IN_ACCOUNT).build());
             Connection global = Nats.connect(options(ALICE).build())) {
            Subscription inApp = app.subscribe("events");
            app.flush(Duration.ofSeconds(5));
            global.publish("events", new byte[1]);
            global.flush(Duration.ofSeconds(5));
            assertThat(inApp.nextMessage(Duration.ofMillis(300))).isNull();
            app.publish("events", new byte[1]);
            assertThat(inApp.nextMessage(Duration.ofSeconds(5))).isNotNull();
        }
    }

    @Test
    void anNkeyUsersPermissionsApply() throws Exception {
        try (Connection connection = Nats.connect(options(LIMITED).build())) {
            connection.subscribe("forbidden");
            connection.flush(Duration.ofSeconds(5));
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(connection.getLastError())
                    .contains("Permissions Violation for Subscription to \"forbidden\""));
        }
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        NKeyPair impostor = NKeyPair.generate(NKeyType.USER);
        AuthHandler claimsAlice = new AuthHandler() {
            @Override
            public byte[] sign(byte[] nonce) {
                return impostor.sign(nonce);
            }

            @Override
            public char[] getID() {
                return ALICE.publicKey().toCharArray();
            }

            @Override
            public char[] getJWT() {
                return null;
            }
        };
        assertThatThrownBy(() -> Nats.connect(refused(ALICE).authHandler(claimsAlice).build()))
                .hasMessageContaining("Authorization Violation");
    }

    @Test
    void anUnknownKeyAMissingOrMalformedSignatureAndAWrongConnectionTypeAreRefused() throws Exception {
        NKeyPair stranger = NKeyPair.generate(NKeyType.USER);
        assertThatThrownBy(() -> Nats.connect(refused(stranger).build())).hasMessageContaining("Authorization Violation");
        assertThatThrownBy(() -> Nats.connect(refused(WEBSOCKET_ONLY).build()))
                .hasMessageContaining("Authorization Violation");
        for (String connect : new String[] {
            "{\"nkey\":\"" + ALICE.publicKey() + "\"}",
            "{\"nkey\":\"" + ALICE.publicKey() + "\",\"sig\":\"!!notbase64!!\"}",
            "{\"nkey\":\"" + ALICE.publicKey() + "\",\"sig\":\"" + signature(ALICE, "not-the-nonce") + "\"}",
            "{\"nkey\":\"garbage\",\"sig\":\"AAAA\"}",
        }) {
            try (RawClient client = RawClient.connect(server.port())) {
                client.send("CONNECT " + connect + "\r\nPING\r\n");
                assertThat(client.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            }
        }
    }

    @Test
    void aRawClientSigningTheNonceInStandardBase64IsAccepted() throws Exception {
        try (RawClient client = RawClient.open(server.port())) {
            String nonce = nonce(client.readLine());
            String sig = Base64.getEncoder().encodeToString(ALICE.sign(nonce.getBytes(StandardCharsets.US_ASCII)));
            client.send("CONNECT {\"verbose\":false,\"nkey\":\"" + ALICE.publicKey() + "\",\"sig\":\"" + sig + "\"}\r\nPING\r\n");
            assertThat(client.readLine()).isEqualTo("PONG");
        }
    }

    @Test
    void passwordUsersStillWorkBesideNkeyUsers() throws Exception {
        try (Connection bob = Nats.connect(new Options.Builder().server(server.clientUrl()).userInfo("bob", "pw")
                .maxReconnects(0).build())) {
            assertThat(bob.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void theServerIdIsAPublicServerNkey() throws Exception {
        try (RawClient client = RawClient.open(server.port())) {
            JsonNode info = new ObjectMapper().readTree(client.readLine().substring(5));
            assertThat(NKeys.isPublicKey(info.get("server_id").asText(), NKeyType.SERVER)).isTrue();
        }
    }

    private static String signature(NKeyPair key, String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.sign(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String nonce(String infoLine) throws Exception {
        return new ObjectMapper().readTree(infoLine.substring(5)).get("nonce").asText();
    }
}
