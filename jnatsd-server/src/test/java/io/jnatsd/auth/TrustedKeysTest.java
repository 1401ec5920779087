package io.jnatsd.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.OperatorOptions;
import io.jnatsd.config.ResolverDirectoryOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ConnectOptions;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code trusted_keys}: operator public keys trusted without an operator JWT, as nats-server
 * takes them: accounts signed by such a key (it has no signing keys) are used, others refused;
 * without a resolver every JWT user is refused; a directory resolver needs an operator JWT.
 */
class TrustedKeysTest {
    private static final String NONCE = "abcdefghijklmno";

    private final NKeyPair trusted = NKeyPair.generate(NKeyType.OPERATOR);
    private final NKeyPair other = NKeyPair.generate(NKeyType.OPERATOR);
    private final NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
    private final NKeyPair user = NKeyPair.generate(NKeyType.USER);

    private Authenticator authenticator(String resolver, Map<String, String> preload, ResolverDirectoryOptions dir) {
        return new Authenticator(ServerOptions.builder()
                .operator(new OperatorOptions(List.of(), resolver, preload, dir, List.of(trusted.publicKey()))).build());
    }

    private AuthResult connect(Authenticator auth) throws Exception {
        String jwt = JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "U", "user"), account);
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(user.sign(NONCE.getBytes(StandardCharsets.US_ASCII)));
        ConnectOptions connect = ConnectOptions.parse("{\"jwt\":\"" + jwt + "\",\"sig\":\"" + sig + "\"}");
        return auth.authenticate(new ConnectAttempt(connect, null, NONCE, InetAddress.getByName("127.0.0.1")));
    }

    private String accountSignedBy(NKeyPair operator) {
        return JwtEncoder.encode(JwtEncoder.claims(account.publicKey(), "ACC", "account"), operator);
    }

    @Test
    void accountsSignedByATrustedKeyAreUsedAndOthersRefused() throws Exception {
        Authenticator auth = authenticator(OperatorOptions.MEMORY, Map.of(account.publicKey(), accountSignedBy(trusted)), null);
        assertThat(connect(auth).account()).isEqualTo(account.publicKey());
        Authenticator untrusted = authenticator(OperatorOptions.MEMORY, Map.of(account.publicKey(), accountSignedBy(other)), null);
        assertThat(connect(untrusted)).isNull();
    }

    @Test
    void withoutAResolverEveryJwtUserIsRefused() throws Exception {
        Authenticator auth = authenticator(null, Map.of(), null);
        assertThat(auth.required()).isTrue();
        assertThat(connect(auth)).isNull();
    }

    @Test
    void aDirectoryResolverNeedsAnOperatorJwt() {
        ResolverDirectoryOptions dir = new ResolverDirectoryOptions(Path.of("jwt"), 10, Duration.ofMinutes(1),
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> authenticator(OperatorOptions.FULL, Map.of(), dir))
                .hasMessage("Could not start resolver: no operator key found");
    }
}
