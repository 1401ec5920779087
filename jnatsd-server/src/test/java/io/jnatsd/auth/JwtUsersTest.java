package io.jnatsd.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.AuthorizationOptions;
import io.jnatsd.config.OperatorOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ConnectOptions;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Operator mode's user checks, in nats-server's order, with a fixed clock. */
class JwtUsersTest {
    private static final long NOW_SECONDS = 1_800_000_000L;
    private static final String NONCE = "abcdefghijklmno";

    private final NKeyPair operator = NKeyPair.generate(NKeyType.OPERATOR);
    private final NKeyPair operatorSigner = NKeyPair.generate(NKeyType.OPERATOR);
    private final NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
    private final NKeyPair accountSigner = NKeyPair.generate(NKeyType.ACCOUNT);
    private final NKeyPair scopedSigner = NKeyPair.generate(NKeyType.ACCOUNT);
    private final NKeyPair user = NKeyPair.generate(NKeyType.USER);

    private String operatorJwt() {
        ObjectNode claims = JwtEncoder.claims(operator.publicKey(), "OP", "operator");
        ((ObjectNode) claims.get("nats")).putArray("signing_keys").add(operatorSigner.publicKey());
        return JwtEncoder.encode(claims, operator);
    }

    private String accountJwt(NKeyPair signer, Consumer<ObjectNode> nats) {
        ObjectNode claims = JwtEncoder.claims(account.publicKey(), "ACC", "account");
        ObjectNode n = (ObjectNode) claims.get("nats");
        ObjectNode template = n.putArray("signing_keys").add(accountSigner.publicKey()).addObject()
                .put("kind", "user_scope").put("key", scopedSigner.publicKey()).putObject("template");
        template.put("subs", -1).put("data", -1).put("payload", -1);
        template.putObject("sub").putArray("allow").add("scoped.>");
        nats.accept(n);
        return JwtEncoder.encode(claims, signer);
    }

    private Authenticator authenticator(String accountJwt) {
        ServerOptions options = ServerOptions.builder().operator(new OperatorOptions(List.of(operatorJwt()),
                OperatorOptions.MEMORY, Map.of(account.publicKey(), accountJwt))).build();
        return new Authenticator(options, () -> NOW_SECONDS * 1000);
    }

    private String userJwt(NKeyPair signer, Consumer<ObjectNode> claims) {
        ObjectNode c = JwtEncoder.claims(user.publicKey(), "U", "user");
        if (signer == scopedSigner) {
            // Users of a scoped key carry no permissions or limits of their own.
            ObjectNode nats = (ObjectNode) c.get("nats");
            nats.remove("subs");
            nats.remove("data");
            nats.remove("payload");
        }
        c.put("iat", NOW_SECONDS - 100);
        if (signer != account) {
            ((ObjectNode) c.get("nats")).put("issuer_account", account.publicKey());
        }
        claims.accept(c);
        return JwtEncoder.encode(c, signer);
    }

    private static ConnectAttempt attempt(String jwt, String sig, String address) throws Exception {
        ConnectOptions connect = ConnectOptions.parse("{\"jwt\":\"" + jwt + "\"" + (sig == null ? "" : ",\"sig\":\"" + sig + "\"") + "}");
        return new ConnectAttempt(connect, null, NONCE, InetAddress.getByName(address));
    }

    private String signed(NKeyPair key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.sign(NONCE.getBytes(StandardCharsets.US_ASCII)));
    }

    private AuthResult connect(Authenticator auth, String jwt) throws Exception {
        return auth.authenticate(attempt(jwt, signed(user), "127.0.0.1"));
    }

    @Test
    void aUserSignedByItsAccountAndProvingItsKeyLandsInTheAccountWithItsPermissions() throws Exception {
        Authenticator auth = authenticator(accountJwt(operator, n -> { }));
        assertThat(auth.nonceRequired()).isTrue();
        assertThat(auth.required()).isTrue();
        String jwt = userJwt(account, c -> {
            c.put("exp", NOW_SECONDS + 60);
            ((ObjectNode) c.get("nats")).putObject("pub").putArray("allow").add("orders.>");
        });
        AuthResult result = connect(auth, jwt);
        assertThat(result.user()).isEqualTo(user.publicKey());
        assertThat(result.account()).isEqualTo(account.publicKey());
        assertThat(result.permissions().publish().allow()).containsExactly("orders.>");
        assertThat(result.expires()).isEqualTo(Instant.ofEpochSecond(NOW_SECONDS + 60));
        assertThat(auth.failureDescription(ConnectOptions.DEFAULTS)).isEqualTo("authentication error");
    }

    @Test
    void aWrongOrMissingNonceSignatureIsRefused() throws Exception {
        Authenticator auth = authenticator(accountJwt(operator, n -> { }));
        String jwt = userJwt(account, c -> { });
        assertThat(auth.authenticate(attempt(jwt, null, "127.0.0.1"))).isNull();
        assertThat(auth.authenticate(attempt(jwt, signed(NKeyPair.generate(NKeyType.USER)), "127.0.0.1"))).isNull();
        assertThat(auth.authenticate(attempt("", signed(user), "127.0.0.1"))).isNull();
        assertThat(auth.authenticate(attempt("not.a.jwt", signed(user), "127.0.0.1"))).isNull();
    }

    @Test
    void signingKeysOfOperatorAndAccountAreHonouredAndAScopedKeyImposesItsTemplate() throws Exception {
        Authenticator auth = authenticator(accountJwt(operatorSigner, n -> { }));
        assertThat(connect(auth, userJwt(accountSigner, c -> { }))).isNotNull();
        AuthResult scoped = connect(auth, userJwt(scopedSigner, c -> { }));
        assertThat(scoped.permissions().subscribe().allow()).containsExactly("scoped.>");
        // A scoped key's user may not carry permissions of its own.
        assertThat(connect(auth, userJwt(scopedSigner, c -> ((ObjectNode) c.get("nats")).putObject("pub")
                .putArray("allow").add(">")))).isNull();
        // A key the account does not list, naming the account as issuer_account.
        assertThat(connect(auth, userJwt(NKeyPair.generate(NKeyType.ACCOUNT), c -> { }))).isNull();
    }

    @Test
    void anAccountSignedByAnUntrustedOperatorOrNotPreloadedIsRefused() throws Exception {
        Authenticator auth = authenticator(accountJwt(NKeyPair.generate(NKeyType.OPERATOR), n -> { }));
        assertThat(connect(auth, userJwt(account, c -> { }))).isNull();
        NKeyPair stranger = NKeyPair.generate(NKeyType.ACCOUNT);
        Authenticator fine = authenticator(accountJwt(operator, n -> { }));
        ObjectNode c = JwtEncoder.claims(user.publicKey(), "U", "user");
        assertThat(connect(fine, JwtEncoder.encode(c, stranger))).isNull();
    }

    @Test
    void expiredUsersAndAccountsAreRefused() throws Exception {
        Authenticator auth = authenticator(accountJwt(operator, n -> { }));
        assertThat(connect(auth, userJwt(account, c -> c.put("exp", NOW_SECONDS - 1)))).isNull();
        assertThat(connect(auth, userJwt(account, c -> c.put("nbf", NOW_SECONDS + 10)))).isNull();
        ObjectNode expiredAccount = JwtEncoder.claims(account.publicKey(), "ACC", "account");
        expiredAccount.put("exp", NOW_SECONDS - 1);
        Authenticator expired = authenticator(JwtEncoder.encode(expiredAccount, operator));
        assertThat(connect(expired, userJwt(account, c -> { }))).isNull();
    }

    @Test
    void bearerTokensSkipTheSignatureUnlessTheAccountDisallowsThem() throws Exception {
        String bearer = userJwt(account, c -> ((ObjectNode) c.get("nats")).put("bearer_token", true));
        assertThat(authenticator(accountJwt(operator, n -> { })).authenticate(attempt(bearer, null, "127.0.0.1"))).isNotNull();
        Authenticator strict = authenticator(accountJwt(operator, n -> n.putObject("limits").put("disallow_bearer", true)));
        assertThat(strict.authenticate(attempt(bearer, null, "127.0.0.1"))).isNull();
    }

    @Test
    void revokedUsersAreRefused() throws Exception {
        Authenticator revokedOne = authenticator(accountJwt(operator, n -> n.putObject("revocations")
                .put(user.publicKey(), NOW_SECONDS)));
        assertThat(connect(revokedOne, userJwt(account, c -> { }))).isNull();
        Authenticator revokedAll = authenticator(accountJwt(operator, n -> n.putObject("revocations")
                .put("*", NOW_SECONDS - 200)));
        // Issued after the revocation of all: still valid.
        assertThat(connect(revokedAll, userJwt(account, c -> { }))).isNotNull();
    }

    @Test
    void sourceNetworksConnectionTypesTimesAndLimitsAreChecked() throws Exception {
        Authenticator auth = authenticator(accountJwt(operator, n -> { }));
        String local = userJwt(account, c -> ((ObjectNode) c.get("nats")).putArray("src").add("127.0.0.0/8"));
        assertThat(auth.authenticate(attempt(local, signed(user), "127.0.0.1"))).isNotNull();
        assertThat(auth.authenticate(attempt(local, signed(user), "10.1.2.3"))).isNull();
        String websocketOnly = userJwt(account, c -> ((ObjectNode) c.get("nats"))
                .putArray("allowed_connection_types").add("WEBSOCKET"));
        assertThat(connect(auth, websocketOnly)).isNull();
        String unknownOnly = userJwt(account, c -> ((ObjectNode) c.get("nats"))
                .putArray("allowed_connection_types").add("CARRIER_PIGEON"));
        assertThat(connect(auth, unknownOnly)).isNull();
        String standard = userJwt(account, c -> ((ObjectNode) c.get("nats"))
                .putArray("allowed_connection_types").add("STANDARD").add("CARRIER_PIGEON"));
        assertThat(connect(auth, standard)).isNotNull();
        // 1_800_000_000 is 08:00:00 UTC.
        String office = userJwt(account, c -> ((ObjectNode) c.get("nats")).put("times_location", "UTC")
                .putArray("times").addObject().put("start", "07:00:00").put("end", "09:00:00"));
        assertThat(connect(auth, office).expires()).isEqualTo(Instant.ofEpochSecond(NOW_SECONDS + 3600));
        String night = userJwt(account, c -> ((ObjectNode) c.get("nats")).put("times_location", "UTC")
                .putArray("times").addObject().put("start", "22:00:00").put("end", "06:00:00"));
        assertThat(connect(auth, night)).isNull();
        String limited = userJwt(account, c -> ((ObjectNode) c.get("nats")).put("subs", 10).put("payload", 64));
        assertThat(connect(auth, limited).limits()).isEqualTo(new ClientLimits(10, 64, -1));
    }

    @Test
    void aLeafNodeLogsInWhateverTheLeafLimitWhichIsCountedWhenItRegisters() throws Exception {
        String jwt = userJwt(account, c -> { });
        ConnectOptions connect = ConnectOptions.parse("{\"jwt\":\"" + jwt + "\",\"sig\":\"" + signed(user) + "\"}");
        ConnectAttempt leaf = ConnectAttempt.leaf(connect, NONCE, InetAddress.getByName("127.0.0.1"));
        assertThat(authenticator(accountJwt(operator, n -> { })).authenticate(leaf)).isNotNull();
        assertThat(authenticator(accountJwt(operator, n -> { })).accountLeafLimit(account.publicKey())).isEqualTo(-1);
        for (int limit : new int[] {0, 5}) {
            Authenticator limited = authenticator(accountJwt(operator, n -> ((ObjectNode) n.get("limits")).put("leaf", limit)));
            assertThat(limited.authenticate(leaf)).isNotNull();
            assertThat(limited.accountLeafLimit(account.publicKey())).isEqualTo(limit);
            assertThat(limited.accountLeafLimit("AUNKNOWN")).isEqualTo(-1);
        }
    }

    @Test
    void theTrustedOperatorIsLoggedAtStartAsNatsServerLogsIt() {
        ObjectNode claims = JwtEncoder.claims(operator.publicKey(), "Synadia Communications Inc.", "operator");
        claims.put("aud", "TESTS").put("iat", 1543761275L).put("exp", 1859121275L);
        ServerOptions options = ServerOptions.builder().operator(new OperatorOptions(
                List.of(JwtEncoder.encode(claims, operator)), OperatorOptions.MEMORY, Map.of())).build();
        // nats-server 2.10.27 with nats-server's test/configs/nkeys/op.jwt, which has these claims.
        assertThat(new Authenticator(options).operatorLines()).containsExactly("Trusted Operators",
                "  System  : \"TESTS\"", "  Operator: \"Synadia Communications Inc.\"",
                "  Issued  : 2018-12-02 14:34:35 +0000 UTC", "  Expires : 2028-11-29 14:34:35 +0000 UTC");
    }

    @Test
    void operatorsRefuseUsersConfiguredDirectly() {
        ServerOptions options = ServerOptions.builder()
                .authorization(AuthorizationOptions.userPassword("a", "b"))
                .operator(new OperatorOptions(List.of(operatorJwt()), OperatorOptions.MEMORY, Map.of())).build();
        assertThatThrownBy(() -> new Authenticator(options)).hasMessage("operators do not allow users to be configured directly");
        ServerOptions noResolver = ServerOptions.builder()
                .operator(new OperatorOptions(List.of(operatorJwt()), null, Map.of())).build();
        assertThatThrownBy(() -> new Authenticator(noResolver)).hasMessageContaining("resolver");
    }
}
