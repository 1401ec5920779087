package io.jnatsd.tests.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator mode with the MEMORY resolver: an operator JWT in a decorated file (as nsc writes it),
 * account JWTs preloaded, and real jnats clients connecting with {@code .creds} files whose user
 * JWTs and seeds the test makes.
 */
class OperatorModeTest {
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair SYSTEM = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair ORDERS = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair BILLING = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final NKeyPair MAPPED = NKeyPair.generate(NKeyType.ACCOUNT);

    @TempDir
    static Path dir;
    static JnatsdServer server;

    @BeforeAll
    static void start() throws Exception {
        Path operatorFile = dir.resolve("operator.jwt");
        Files.writeString(operatorFile, "-----BEGIN NATS OPERATOR JWT-----\n"
                + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR)
                + "\n------END NATS OPERATOR JWT------\n");
        Path conf = dir.resolve("operator.conf");
        Files.writeString(conf, """
                host: 127.0.0.1
                port: -1
                operator: "%s"
                system_account: %s
                resolver: MEMORY
                resolver_preload: {
                  %s: %s
                  %s: %s
                  %s: %s
                  %s: %s
                }
                """.formatted(operatorFile.toString().replace("\\", "/"), SYSTEM.publicKey(),
                SYSTEM.publicKey(), account(SYSTEM, "SYS"), ORDERS.publicKey(), account(ORDERS, "ORDERS"),
                BILLING.publicKey(), account(BILLING, "BILLING"), MAPPED.publicKey(), mappedAccount()));
        server = JnatsdServer.start(ConfigLoader.load(conf));
        // jnats signs with BouncyCastle, whose first use takes seconds on a busy machine.
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An account JWT with a subject mapping, as nsc's {@code add mapping} writes it. */
    private static String mappedAccount() {
        ObjectNode claims = JwtEncoder.claims(MAPPED.publicKey(), "MAPPED", "account");
        ((ObjectNode) claims.get("nats")).putObject("mappings").putArray("legacy.orders").addObject()
                .put("subject", "orders.new").put("weight", 100);
        return JwtEncoder.encode(claims, OPERATOR);
    }

    private static String account(NKeyPair account, String name) {
        return JwtEncoder.encode(JwtEncoder.claims(account.publicKey(), name, "account"), OPERATOR);
    }

    /** A .creds file as nsc writes it, for a new user of {@code account}. */
    private static Path creds(NKeyPair account, Consumer<ObjectNode> claims) throws Exception {
        return creds(account, NKeyPair.generate(NKeyType.USER), claims);
    }

    private static Path creds(NKeyPair account, NKeyPair user) throws Exception {
        return creds(account, user, c -> { });
    }

    private static Path creds(NKeyPair account, NKeyPair user, Consumer<ObjectNode> claims) throws Exception {
        ObjectNode c = JwtEncoder.claims(user.publicKey(), "user", "user");
        claims.accept(c);
        return creds(JwtEncoder.encode(c, account), user);
    }

    private static Path creds(String userJwt, NKeyPair user) throws Exception {
        Path file = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n" + userJwt
                + "\n------END NATS USER JWT------\n\n"
                + "************************* IMPORTANT *************************\n"
                + "NKEY Seed printed below can be used to sign and prove identity.\n"
                + "NKEYs are sensitive and should be treated as secrets.\n\n"
                + "-----BEGIN USER NKEY SEED-----\n" + user.seed() + "\n------END USER NKEY SEED------\n\n"
                + "*************************************************************\n");
        return file;
    }

    private static Options.Builder options(Path creds) {
        return new Options.Builder().server(server.clientUrl()).connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(0).authHandler(Nats.credentials(creds.toString()));
    }

    @Test
    void anAccountJwtsMappingsRenameWhatItsUsersPublish() throws Exception {
        try (Connection mapped = Nats.connect(options(creds(MAPPED, c -> { })).build())) {
            Subscription renamed = mapped.subscribe("orders.new");
            mapped.flush(Duration.ofSeconds(5));
            mapped.publish("legacy.orders", new byte[] {1});
            Message message = renamed.nextMessage(Duration.ofSeconds(5));
            assertThat(message).isNotNull();
            assertThat(message.getSubject()).isEqualTo("orders.new");
        }
    }

    @Test
    void aCredsUserConnectsAndItsAccountIsIsolatedFromOthers() throws Exception {
        try (Connection orders = Nats.connect(options(creds(ORDERS, c -> { })).build());
             Connection orders2 = Nats.connect(options(creds(ORDERS, c -> { })).build());
             Connection billing = Nats.connect(options(creds(BILLING, c -> { })).build())) {
            Subscription inOrders = orders.subscribe("events");
            Subscription inBilling = billing.subscribe("events");
            orders.flush(Duration.ofSeconds(5));
            billing.flush(Duration.ofSeconds(5));
            orders2.publish("events", new byte[] {1});
            assertThat(inOrders.nextMessage(Duration.ofSeconds(5))).isNotNull();
            assertThat(inBilling.nextMessage(Duration.ofMillis(300))).isNull();
        }
    }

    /**
     * A user JWT of version 1 (algorithm {@code ed25519}, the kind at the top level, signed over the
     * claims alone), as the nsc of that time wrote it: no limits, no {@code nats.version}.
     */
    private static String versionOneUserJwt(NKeyPair account, NKeyPair user) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String claims = base64.encodeToString(("{\"jti\":\"V1USER\",\"iat\":" + Instant.now().getEpochSecond()
                + ",\"iss\":\"" + account.publicKey() + "\",\"name\":\"v1\",\"sub\":\"" + user.publicKey()
                + "\",\"type\":\"user\",\"nats\":{\"pub\":{},\"sub\":{}}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String header = base64.encodeToString("{\"typ\":\"jwt\",\"alg\":\"ed25519\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return header + "." + claims + "." + base64.encodeToString(account.sign(claims.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /**
     * nats-server's JWT library reads a version 1 user without limits as unlimited (a version 2
     * one as allowing nothing): jnats' own tests connect such users (its user.creds) and subscribe.
     */
    @Test
    void aVersionOneUserWithoutLimitsSubscribesAndPublishes() throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        try (Connection connection = Nats.connect(options(creds(versionOneUserJwt(ORDERS, user), user)).build())) {
            Subscription subscription = connection.subscribe("v1.events");
            connection.publish("v1.events", new byte[2048]);
            Message message = subscription.nextMessage(Duration.ofSeconds(5));
            assertThat(message).isNotNull();
            assertThat(message.getData()).hasSize(2048);
            assertThat(connection.getLastError()).isNullOrEmpty();
        }
    }

    @Test
    void theUserJwtsPermissionsApply() throws Exception {
        Path limited = creds(ORDERS, c -> ((ObjectNode) c.get("nats")).putObject("pub").putArray("allow").add("allowed"));
        try (Connection connection = Nats.connect(options(limited).build())) {
            connection.publish("forbidden", new byte[1]);
            connection.flush(Duration.ofSeconds(5));
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(connection.getLastError())
                    .contains("Permissions Violation for Publish to \"forbidden\""));
        }
    }

    @Test
    void aUserOfAnUnknownAccountOrAnExpiredUserIsRefused() throws Exception {
        NKeyPair stranger = NKeyPair.generate(NKeyType.ACCOUNT);
        assertThatThrownBy(() -> Nats.connect(options(creds(stranger, c -> { })).connectionTimeout(Duration.ofSeconds(1))
                .build())).hasMessageContaining("Authorization Violation");
        Path expired = creds(ORDERS, c -> c.put("exp", Instant.now().getEpochSecond() - 10));
        assertThatThrownBy(() -> Nats.connect(options(expired).connectionTimeout(Duration.ofSeconds(1)).build()))
                .hasMessageContaining("Authorization Violation");
    }

    @Test
    void reloadingTheAccountJwtsRevokesAConnectedUserKeepsOthersAndAddsAnAccount() throws Exception {
        NKeyPair revoked = NKeyPair.generate(NKeyType.USER);
        Path conf = dir.resolve("reload.conf");
        String base = "host: 127.0.0.1\nport: -1\noperator: " + JwtEncoder.encode(
                JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR) + "\nresolver: MEMORY\n";
        Files.writeString(conf, base + "resolver_preload: { " + ORDERS.publicKey() + ": " + account(ORDERS, "ORDERS") + " }\n");
        try (JnatsdServer own = JnatsdServer.start(ConfigLoader.load(conf))) {
            Options.Builder revokedUser = new Options.Builder().server(own.clientUrl()).maxReconnects(0)
                    .connectionTimeout(Duration.ofSeconds(5)).authHandler(Nats.credentials(creds(ORDERS, revoked).toString()));
            Options.Builder otherUser = new Options.Builder().server(own.clientUrl()).maxReconnects(0)
                    .connectionTimeout(Duration.ofSeconds(5)).authHandler(Nats.credentials(creds(ORDERS, c -> { }).toString()));
            try (Connection gone = Nats.connect(revokedUser.build()); Connection stays = Nats.connect(otherUser.build())) {
                ObjectNode claims = JwtEncoder.claims(ORDERS.publicKey(), "ORDERS", "account");
                ((ObjectNode) claims.get("nats")).putObject("revocations")
                        .put(revoked.publicKey(), Instant.now().getEpochSecond() + 5);
                Files.writeString(conf, base + "resolver_preload: { " + ORDERS.publicKey() + ": "
                        + JwtEncoder.encode(claims, OPERATOR) + "\n" + BILLING.publicKey() + ": "
                        + account(BILLING, "BILLING") + " }\n");
                assertThat(own.server().reload(ConfigLoader.load(conf))).isEmpty();
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> gone.getStatus() == Connection.Status.CLOSED);
                assertThat(gone.getLastError()).contains("User Authentication Revoked");
                stays.flush(Duration.ofSeconds(5));
                assertThat(stays.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                // The account added by the reload takes users.
                try (Connection billing = Nats.connect(new Options.Builder().server(own.clientUrl()).maxReconnects(0)
                        .authHandler(Nats.credentials(creds(BILLING, c -> { }).toString())).build())) {
                    assertThat(billing.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                }
            }
        }
    }

    @Test
    void aUserIsDisconnectedWhenItsJwtExpires() throws Exception {
        Path shortLived = creds(ORDERS, c -> c.put("exp", Instant.now().getEpochSecond() + 2));
        try (Connection connection = Nats.connect(options(shortLived).build())) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(connection.getLastError()).contains("User Authentication Expired");
                assertThat(connection.getStatus()).isEqualTo(Connection.Status.CLOSED);
            });
        }
    }
}
