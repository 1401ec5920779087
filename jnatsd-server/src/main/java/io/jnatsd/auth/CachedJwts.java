package io.jnatsd.auth;

import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.auth.jwt.JwtException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The cache resolver's bookkeeping, as nats-server keeps it: per account, when its JWT leaves
 * the cache (the time to live after it was last stored or read, or with no ttl the JWT's own
 * expiry, else never), and the order of use, least recent first, for eviction at the limit.
 * Not thread-safe: {@link AccountJwtDirectory} calls it under its own lock.
 */
final class CachedJwts {
    private static final long NEVER = Long.MAX_VALUE;

    private final long ttlMillis;
    private final LongSupplier clockMillis;
    /** Expiry in epoch milliseconds, iterated least recently used first. */
    private final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>(16, 0.75f, true);

    CachedJwts(long ttlMillis, LongSupplier clockMillis) {
        this.ttlMillis = ttlMillis;
        this.clockMillis = clockMillis;
    }

    /** A JWT was stored for the account. */
    void track(String account, String jwt) {
        expiries.put(account, ttlMillis > 0 ? clockMillis.getAsLong() + ttlMillis : jwtExpiry(jwt));
    }

    /** The account's JWT was read: it becomes the most recently used, and its ttl starts again. */
    void used(String account) {
        Long expiry = expiries.get(account);
        if (expiry != null && ttlMillis > 0) {
            expiries.put(account, clockMillis.getAsLong() + ttlMillis);
        }
    }

    void forget(String account) {
        expiries.remove(account);
    }

    String leastRecentlyUsed() {
        return expiries.isEmpty() ? null : expiries.keySet().iterator().next();
    }

    List<String> expired() {
        long now = clockMillis.getAsLong();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Long> entry : expiries.entrySet()) {
            if (entry.getValue() <= now) {
                expired.add(entry.getKey());
            }
        }
        return expired;
    }

    private static long jwtExpiry(String jwt) {
        try {
            long expires = Jwt.decode(jwt).claims().path("exp").asLong(0);
            return expires > 0 ? expires * 1000 : NEVER;
        } catch (JwtException e) {
            return NEVER;
        }
    }
}
