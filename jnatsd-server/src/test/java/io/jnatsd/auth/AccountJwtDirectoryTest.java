package io.jnatsd.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.ResolverDirectoryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full resolver's directory: nats-server's file naming, its limit, its order-free hash, keys only. */
class AccountJwtDirectoryTest {
    @TempDir
    Path dir;

    private AccountJwtDirectory directory(Path at, long limit) throws IOException {
        return new AccountJwtDirectory(new ResolverDirectoryOptions(at, limit, Duration.ofMinutes(1), Duration.ofSeconds(2)));
    }

    @Test
    void jwtsAreStoredAsAccountKeyDotJwtAndTheLimitRefusesNewAccountsOnly() throws IOException {
        AccountJwtDirectory store = directory(dir, 1);
        String a = NKeyPair.generate(NKeyType.ACCOUNT).publicKey();
        assertThat(store.save(a, "first")).isTrue();
        assertThat(Files.readString(dir.resolve(a + ".jwt"))).isEqualTo("first");
        assertThat(store.save(a, "first")).isFalse();
        assertThat(store.save(a, "second")).isTrue();
        assertThat(store.load(a)).isEqualTo("second");
        String b = NKeyPair.generate(NKeyType.ACCOUNT).publicKey();
        assertThatThrownBy(() -> store.save(b, "x")).hasMessage("jwt store is full");
        assertThat(store.all()).containsOnlyKeys(a);
    }

    @Test
    void onlyAccountKeysNameFiles() throws IOException {
        AccountJwtDirectory store = directory(dir.resolve("jwt"), ResolverDirectoryOptions.UNLIMITED);
        assertThatThrownBy(() -> store.save("../evil", "x")).hasMessage("invalid public key");
        assertThatThrownBy(() -> store.save(NKeyPair.generate(NKeyType.USER).publicKey(), "x"))
                .hasMessage("invalid public key");
        assertThat(store.load("../../etc/passwd")).isNull();
        Files.writeString(dir.resolve("jwt").resolve("notes.jwt"), "x");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void theHashDependsOnTheJwtsNotOnTheOrderTheyCameIn() throws IOException {
        String a = NKeyPair.generate(NKeyType.ACCOUNT).publicKey();
        String b = NKeyPair.generate(NKeyType.ACCOUNT).publicKey();
        AccountJwtDirectory one = directory(dir.resolve("one"), ResolverDirectoryOptions.UNLIMITED);
        AccountJwtDirectory two = directory(dir.resolve("two"), ResolverDirectoryOptions.UNLIMITED);
        assertThat(one.hash()).isEqualTo(new byte[32]);
        one.save(a, "jwt-a");
        one.save(b, "jwt-b");
        two.save(b, "jwt-b");
        assertThat(two.hash()).isNotEqualTo(one.hash());
        two.save(a, "jwt-a");
        assertThat(two.hash()).isEqualTo(one.hash());
    }
}
