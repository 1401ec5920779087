package io.jnatsd.tests.auth;

import static io.jnatsd.tests.auth.FullResolverTest.OPERATOR;
import static io.jnatsd.tests.auth.FullResolverTest.SYSTEM;
import static io.jnatsd.tests.auth.FullResolverTest.config;
import static io.jnatsd.tests.auth.FullResolverTest.connects;
import static io.jnatsd.tests.auth.FullResolverTest.creds;
import static io.jnatsd.tests.auth.FullResolverTest.directory;
import static io.jnatsd.tests.auth.FullResolverTest.options;
import static io.jnatsd.tests.auth.FullResolverTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating an account's signing key as docs/SECURITY.md describes it (what {@code nsc edit account
 * --sk generate}, {@code nsc push} and {@code nsc edit account --rm-sk} do): with both keys in the
 * account JWT, users of the old and of the new key connect; once the old key is removed, its
 * connected users are closed and refused, and the new key's users keep working.
 */
class SigningKeyRotationTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        FullResolverTest.warmUp();
    }

    /** The account JWT with these signing keys, issued at {@code issuedAt} so each push is newer. */
    private static String account(NKeyPair account, long issuedAt, NKeyPair... signingKeys) {
        ObjectNode claims = JwtEncoder.claims(account.publicKey(), "APP", "account");
        claims.put("iat", issuedAt);
        var keys = ((ObjectNode) claims.get("nats")).putArray("signing_keys");
        for (NKeyPair key : signingKeys) {
            keys.add(key.publicKey());
        }
        return JwtEncoder.encode(claims, OPERATOR);
    }

    /** A .creds file of a user issued by one of the account's signing keys. */
    private Path signedCreds(NKeyPair account, NKeyPair signingKey) throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        ObjectNode claims = JwtEncoder.claims(user.publicKey(), "u", "user");
        ((ObjectNode) claims.get("nats")).put("issuer_account", account.publicKey());
        Path file = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n" + JwtEncoder.encode(claims, signingKey)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        return file;
    }

    @Test
    void usersOfANewSigningKeyWorkAndUsersOfTheRemovedOneAreClosed() throws Exception {
        NKeyPair app = NKeyPair.generate(NKeyType.ACCOUNT);
        NKeyPair oldKey = NKeyPair.generate(NKeyType.ACCOUNT);
        NKeyPair newKey = NKeyPair.generate(NKeyType.ACCOUNT);
        long now = Instant.now().getEpochSecond();
        Path jwts = directory(dir, "jwt");
        Files.writeString(jwts.resolve(app.publicKey() + ".jwt"), account(app, now - 20, oldKey));
        Path conf = dir.resolve("rotation.conf");
        Files.writeString(conf, config(jwts, ""));
        Path oldUser = signedCreds(app, oldKey);
        Path newUser = signedCreds(app, newKey);
        try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(conf));
             Connection system = Nats.connect(options(server.clientUrl(),
                     creds(dir, SYSTEM, NKeyPair.generate(NKeyType.USER)), Duration.ofSeconds(5)));
             Connection connectedOld = Nats.connect(options(server.clientUrl(), oldUser, Duration.ofSeconds(5)))) {
            assertThat(connects(server.clientUrl(), newUser)).isFalse();

            // Step 1: add the new key beside the old one and push.
            assertThat(request(system, "$SYS.REQ.CLAIMS.UPDATE", account(app, now - 10, oldKey, newKey))
                    .path("data").path("code").asInt()).isEqualTo(200);
            assertThat(connects(server.clientUrl(), newUser)).isTrue();
            assertThat(connects(server.clientUrl(), oldUser)).isTrue();
            assertThat(connectedOld.getStatus()).isEqualTo(Connection.Status.CONNECTED);

            // Step 2: users reissued with the new key; remove the old key and push.
            try (Connection connectedNew = Nats.connect(options(server.clientUrl(), newUser, Duration.ofSeconds(5)))) {
                assertThat(request(system, "$SYS.REQ.CLAIMS.UPDATE", account(app, now, newKey))
                        .path("data").path("code").asInt()).isEqualTo(200);
                Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> connectedOld.getStatus() == Connection.Status.CLOSED);
                assertThat(connects(server.clientUrl(), oldUser)).isFalse();
                assertThat(connects(server.clientUrl(), newUser)).isTrue();
                assertThat(connectedNew.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }
}
