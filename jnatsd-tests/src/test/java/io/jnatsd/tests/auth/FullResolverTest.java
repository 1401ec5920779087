package io.jnatsd.tests.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full account resolver on one server: account JWTs in a directory laid out as nats-server's
 * ({@code <dir>/<account>.jwt}), updates pushed through {@code $SYS.REQ.CLAIMS.UPDATE} and
 * {@code $SYS.REQ.ACCOUNT.<id>.CLAIMS.UPDATE} by a real client of the system account, lookups and
 * lists answered in nats-server's shapes, untrusted updates refused, revocations applied live.
 */
class FullResolverTest {
    static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    static final NKeyPair SYSTEM = NKeyPair.generate(NKeyType.ACCOUNT);
    static final NKeyPair ORDERS = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        // jnats signs with BouncyCastle, whose first use takes seconds on a busy machine.
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
    }

    static String operatorJwt() {
        return JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR);
    }

    static String account(NKeyPair account, String name) {
        return JwtEncoder.encode(JwtEncoder.claims(account.publicKey(), name, "account"), OPERATOR);
    }

    /** A resolver directory holding the system account and ORDERS, as nats-server writes one. */
    static Path directory(Path parent, String name) throws Exception {
        Path jwts = Files.createDirectories(parent.resolve(name));
        Files.writeString(jwts.resolve(SYSTEM.publicKey() + ".jwt"), account(SYSTEM, "SYS"));
        Files.writeString(jwts.resolve(ORDERS.publicKey() + ".jwt"), account(ORDERS, "ORDERS"));
        return jwts;
    }

    static String config(Path jwts, String extra) {
        return config(jwts, "", extra);
    }

    /** {@code resolverOptions}: more options of the resolver block, each with a leading comma. */
    static String config(Path jwts, String resolverOptions, String extra) {
        return "host: 127.0.0.1\nport: -1\noperator: " + operatorJwt() + "\nsystem_account: " + SYSTEM.publicKey()
                + "\nresolver: { type: full, dir: \"" + jwts.toString().replace("\\", "/") + "\"" + resolverOptions
                + " }\n" + extra;
    }

    static Path creds(Path parent, NKeyPair account, NKeyPair user) throws Exception {
        Path file = Files.createTempFile(parent, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n"
                + JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "u", "user"), account)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        return file;
    }

    static Options options(String url, Path creds, Duration timeout) {
        return new Options.Builder().server(url).connectionTimeout(timeout).maxReconnects(0)
                .authHandler(Nats.credentials(creds.toString())).build();
    }

    static boolean connects(String url, Path creds) {
        try (Connection connection = Nats.connect(options(url, creds, Duration.ofSeconds(2)))) {
            return connection.getStatus() == Connection.Status.CONNECTED;
        } catch (Exception e) {
            return false;
        }
    }

    static JsonNode request(Connection system, String subject, String body) throws Exception {
        Message reply = system.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertThat(reply).as("reply to %s", subject).isNotNull();
        return JSON.readTree(reply.getData());
    }

    @Test
    void pushedAccountsAreStoredUsedLookedUpAndListed() throws Exception {
        Path jwts = directory(dir, "jwt");
        NKeyPair billing = NKeyPair.generate(NKeyType.ACCOUNT);
        String billingJwt = account(billing, "BILLING");
        Path billingUser = creds(dir, billing, NKeyPair.generate(NKeyType.USER));
        Path conf = dir.resolve("full.conf");
        Files.writeString(conf, config(jwts, ""));
        try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(conf));
             Connection system = Nats.connect(options(server.clientUrl(),
                     creds(dir, SYSTEM, NKeyPair.generate(NKeyType.USER)), Duration.ofSeconds(5)))) {
            assertThat(connects(server.clientUrl(), creds(dir, ORDERS, NKeyPair.generate(NKeyType.USER)))).isTrue();
            assertThat(connects(server.clientUrl(), billingUser)).isFalse();

            JsonNode updated = request(system, "$SYS.REQ.CLAIMS.UPDATE", billingJwt);
            assertThat(updated.path("data").path("account").asText()).isEqualTo(billing.publicKey());
            assertThat(updated.path("data").path("code").asInt()).isEqualTo(200);
            assertThat(updated.path("data").path("message").asText()).isEqualTo("jwt updated");
            assertThat(updated.path("server").path("id").asText()).isEqualTo(server.server().serverId());
            assertThat(Files.readString(jwts.resolve(billing.publicKey() + ".jwt"))).isEqualTo(billingJwt);
            assertThat(connects(server.clientUrl(), billingUser)).isTrue();

            Message lookup = system.request("$SYS.REQ.ACCOUNT." + billing.publicKey() + ".CLAIMS.LOOKUP",
                    new byte[0], Duration.ofSeconds(5));
            assertThat(new String(lookup.getData(), StandardCharsets.UTF_8)).isEqualTo(billingJwt);
            Message missing = system.request("$SYS.REQ.ACCOUNT." + NKeyPair.generate(NKeyType.ACCOUNT).publicKey()
                    + ".CLAIMS.LOOKUP", new byte[0], Duration.ofSeconds(5));
            assertThat(missing.getData()).isEmpty();
            JsonNode list = request(system, "$SYS.REQ.CLAIMS.LIST", "");
            assertThat(list.path("data")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder(SYSTEM.publicKey(), ORDERS.publicKey(), billing.publicKey());
        }
        // The directory outlives the server.
        try (JnatsdServer again = JnatsdServer.start(ConfigLoader.load(conf))) {
            assertThat(connects(again.clientUrl(), billingUser)).isTrue();
        }
    }

    @Test
    void updatesNotSignedByTheOperatorOrForAnotherAccountAreRefused() throws Exception {
        Path jwts = directory(dir, "jwt");
        Path conf = dir.resolve("full.conf");
        Files.writeString(conf, config(jwts, ""));
        NKeyPair stranger = NKeyPair.generate(NKeyType.ACCOUNT);
        NKeyPair otherOperator = NKeyPair.generate(NKeyType.OPERATOR);
        try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(conf));
             Connection system = Nats.connect(options(server.clientUrl(),
                     creds(dir, SYSTEM, NKeyPair.generate(NKeyType.USER)), Duration.ofSeconds(5)))) {
            String forged = JwtEncoder.encode(JwtEncoder.claims(stranger.publicKey(), "X", "account"), otherOperator);
            JsonNode refused = request(system, "$SYS.REQ.CLAIMS.UPDATE", forged);
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(500);
            assertThat(refused.path("error").path("account").asText()).isEqualTo(stranger.publicKey());
            assertThat(refused.path("error").path("description").asText())
                    .startsWith("jwt update resulted in error - ");
            assertThat(jwts.resolve(stranger.publicKey() + ".jwt")).doesNotExist();

            JsonNode mismatched = request(system, "$SYS.REQ.ACCOUNT." + ORDERS.publicKey() + ".CLAIMS.UPDATE",
                    account(stranger, "X"));
            assertThat(mismatched.path("error").path("description").asText())
                    .isEqualTo("jwt update resulted in error - subject does not match jwt content");
            JsonNode garbage = request(system, "$SYS.REQ.CLAIMS.UPDATE", "not a jwt");
            assertThat(garbage.path("error").path("account").asText()).isEqualTo("n/a");
            assertThat(connects(server.clientUrl(), creds(dir, stranger, NKeyPair.generate(NKeyType.USER)))).isFalse();
        }
    }

    @Test
    void anUpdateRevokingAConnectedUserClosesItAndChangesTheOthersPermissions() throws Exception {
        Path jwts = directory(dir, "jwt");
        Path conf = dir.resolve("full.conf");
        Files.writeString(conf, config(jwts, ""));
        NKeyPair revoked = NKeyPair.generate(NKeyType.USER);
        try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(conf));
             Connection system = Nats.connect(options(server.clientUrl(),
                     creds(dir, SYSTEM, NKeyPair.generate(NKeyType.USER)), Duration.ofSeconds(5)));
             Connection gone = Nats.connect(options(server.clientUrl(), creds(dir, ORDERS, revoked), Duration.ofSeconds(5)));
             Connection stays = Nats.connect(options(server.clientUrl(),
                     creds(dir, ORDERS, NKeyPair.generate(NKeyType.USER)), Duration.ofSeconds(5)))) {
            io.nats.client.Subscription watcher = gone.subscribe("secret");
            gone.flush(Duration.ofSeconds(5));
            stays.publish("secret", new byte[] {1});
            assertThat(watcher.nextMessage(Duration.ofSeconds(5))).isNotNull();
            ObjectNode claims = JwtEncoder.claims(ORDERS.publicKey(), "ORDERS", "account");
            ObjectNode nats = (ObjectNode) claims.get("nats");
            nats.putObject("revocations").put(revoked.publicKey(), Instant.now().getEpochSecond() + 5);
            nats.putObject("default_permissions").putObject("pub").putArray("deny").add("secret");
            JsonNode updated = request(system, "$SYS.REQ.ACCOUNT." + ORDERS.publicKey() + ".CLAIMS.UPDATE",
                    JwtEncoder.encode(claims, OPERATOR));
            assertThat(updated.path("data").path("code").asInt()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gone.getStatus() == Connection.Status.CLOSED);
            assertThat(gone.getLastError()).contains("User Authentication Revoked");
            stays.flush(Duration.ofSeconds(5));
            assertThat(stays.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            // The account's new default permissions apply to its connected user at once.
            try (Connection listener = Nats.connect(options(server.clientUrl(),
                    creds(dir, ORDERS, NKeyPair.generate(NKeyType.USER)), Duration.ofSeconds(5)))) {
                io.nats.client.Subscription secret = listener.subscribe("secret");
                io.nats.client.Subscription open = listener.subscribe("open");
                listener.flush(Duration.ofSeconds(5));
                stays.publish("secret", new byte[] {2});
                stays.publish("open", new byte[] {3});
                assertThat(open.nextMessage(Duration.ofSeconds(5))).isNotNull();
                assertThat(secret.nextMessage(Duration.ofMillis(300))).isNull();
            }
            assertThatThrownBy(() -> Nats.connect(options(server.clientUrl(), creds(dir, ORDERS, revoked),
                    Duration.ofSeconds(1)))).hasMessageContaining("Authorization Violation");
        }
    }
}
