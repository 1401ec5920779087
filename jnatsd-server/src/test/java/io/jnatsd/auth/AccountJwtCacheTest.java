package io.jnatsd.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.ResolverDirectoryOptions;
import io.jnatsd.config.ResolverDirectoryOptions.DeleteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache resolver's directory (nats-server's expiring JWT store): at its limit it evicts the
 * least recently used account, a JWT leaves it a ttl after its last use (or when the JWT expires
 * with no ttl), a peer's JWT replaces only an older one, and deletes rename or remove.
 */
class AccountJwtCacheTest {
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000_000);

    private AccountJwtDirectory cache(long limit, Duration ttl) throws IOException {
        return new AccountJwtDirectory(new ResolverDirectoryOptions(dir, limit, Duration.ZERO, Duration.ofSeconds(2),
                true, ttl, DeleteMode.HARD), now::get);
    }

    private static String jwt(String account, long issuedAt, long expires) {
        var claims = JwtEncoder.claims(account, "A", "account");
        claims.put("iat", issuedAt);
        if (expires > 0) {
            claims.put("exp", expires);
        }
        return JwtEncoder.encode(claims, OPERATOR);
    }

    private static String key() {
        return NKeyPair.generate(NKeyType.ACCOUNT).publicKey();
    }

    @Test
    void atItsLimitTheCacheEvictsTheLeastRecentlyUsedAccount() throws IOException {
        AccountJwtDirectory cache = cache(2, Duration.ZERO);
        String a = key();
        String b = key();
        String c = key();
        cache.save(a, jwt(a, 1, 0));
        cache.save(b, jwt(b, 1, 0));
        cache.load(a);
        cache.save(c, jwt(c, 1, 0));
        assertThat(cache.all()).containsOnlyKeys(a, c);
    }

    @Test
    void aJwtLeavesTheCacheATtlAfterItsLastUse() throws IOException {
        AccountJwtDirectory cache = cache(10, Duration.ofMinutes(2));
        String a = key();
        String b = key();
        cache.save(a, jwt(a, 1, 0));
        cache.save(b, jwt(b, 1, 0));
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        cache.load(a);
        now.addAndGet(Duration.ofSeconds(61).toMillis());
        assertThat(cache.expire()).containsExactly(b);
        assertThat(cache.all()).containsOnlyKeys(a);
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        assertThat(cache.expire()).containsExactly(a);
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void withoutATtlAJwtLeavesTheCacheWhenItExpires() throws IOException {
        AccountJwtDirectory cache = cache(10, Duration.ZERO);
        String a = key();
        String b = key();
        long nowSeconds = now.get() / 1000;
        cache.save(a, jwt(a, 1, nowSeconds + 60));
        cache.save(b, jwt(b, 1, 0));
        now.addAndGet(Duration.ofSeconds(61).toMillis());
        assertThat(cache.expire()).containsExactly(a);
        assertThat(cache.all()).containsOnlyKeys(b);
    }

    @Test
    void jwtsAlreadyInTheDirectoryAreTrackedFromTheStart() throws IOException {
        String a = key();
        Files.writeString(dir.resolve(a + ".jwt"), jwt(a, 1, 0));
        AccountJwtDirectory cache = cache(10, Duration.ofSeconds(5));
        now.addAndGet(Duration.ofSeconds(6).toMillis());
        assertThat(cache.expire()).containsExactly(a);
    }

    @Test
    void aPeersJwtReplacesOnlyAnOlderOne() throws IOException {
        AccountJwtDirectory cache = cache(10, Duration.ZERO);
        String a = key();
        String older = jwt(a, 100, 0);
        String newer = jwt(a, 200, 0);
        assertThat(cache.saveIfNewer(a, newer)).isTrue();
        assertThat(cache.saveIfNewer(a, older)).isFalse();
        assertThat(cache.saveIfNewer(a, newer)).isFalse();
        assertThat(cache.load(a)).isEqualTo(newer);
    }

    @Test
    void deletesRenameOrRemoveAsConfiguredAndAreRefusedWithoutAllowDelete() throws IOException {
        String a = key();
        AccountJwtDirectory renaming = new AccountJwtDirectory(new ResolverDirectoryOptions(dir, 10,
                Duration.ofMinutes(1), Duration.ofSeconds(2), false, Duration.ZERO, DeleteMode.RENAME));
        renaming.save(a, jwt(a, 1, 0));
        assertThat(renaming.delete(a)).isTrue();
        assertThat(dir.resolve(a + ".jwt")).doesNotExist();
        assertThat(dir.resolve(a + ".jwt.deleted")).exists();
        assertThat(renaming.delete(a)).isFalse();
        assertThat(renaming.all()).isEmpty();

        AccountJwtDirectory hard = cache(10, Duration.ZERO);
        hard.save(a, jwt(a, 2, 0));
        assertThat(hard.delete(a)).isTrue();
        assertThat(dir.resolve(a + ".jwt")).doesNotExist();

        AccountJwtDirectory none = new AccountJwtDirectory(new ResolverDirectoryOptions(dir, 10,
                Duration.ofMinutes(1), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> none.delete(a)).hasMessage("store is not set up to for delete");
    }
}
