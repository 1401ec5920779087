package io.jnatsd.cluster;

import java.nio.charset.StandardCharsets;

/**
 * Which pooled route connection carries an account (ROUTES.md §7): FNV-1a 32-bit over the
 * account name's bytes, modulo the pool size, exactly as nats-server 2.10 computes it, so both
 * ends of a mixed cluster agree on the connection.
 */
public final class PoolIndex {
    private static final int OFFSET_BASIS = 0x811C9DC5;
    private static final int PRIME = 0x01000193;

    private PoolIndex() {
    }

    public static int of(String account, int poolSize) {
        if (poolSize <= 1) {
            return 0;
        }
        return (int) (Integer.toUnsignedLong(fnv1a(account)) % poolSize);
    }

    static int fnv1a(String account) {
        int hash = OFFSET_BASIS;
        for (byte b : account.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }
}
