package io.jnatsd.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The directory account resolvers ({@code resolver { type: full | cache, dir: ... }}): account
 * JWTs kept as {@code <dir>/<account>.jwt}, the layout nats-server's resolvers use, so one
 * directory serves either server.
 *
 * <ul>
 *   <li>The <b>full</b> resolver holds every account of the operator: it answers its peers'
 *       lookups, syncs with them every {@code interval} and refuses more than {@code limit}
 *       JWTs.</li>
 *   <li>The <b>cache</b> resolver holds only the accounts its clients use: it fetches an unknown
 *       one from its peers, keeps at most {@code limit} (evicting the least recently used) and
 *       forgets each {@code ttl} after it was last stored or read ({@code ttl} zero: when the
 *       JWT itself expires).</li>
 * </ul>
 *
 * @param limit    how many account JWTs the directory may hold
 * @param interval how often the full resolver asks its peers for JWTs it misses
 * @param timeout  how long fetching an account from the peers may take
 * @param cache    the cache resolver rather than the full one
 * @param ttl      how long the cache keeps a JWT (zero: until the JWT expires)
 * @param delete   what {@code $SYS.REQ.CLAIMS.DELETE} does to a stored JWT
 */
public record ResolverDirectoryOptions(Path dir, long limit, Duration interval, Duration timeout, boolean cache,
        Duration ttl, DeleteMode delete) {
    public static final long UNLIMITED = Long.MAX_VALUE;
    /** nats-server's cache resolver limit when none (or zero) is configured. */
    public static final long CACHE_DEFAULT_LIMIT = 1_000;

    /** What a delete request does: refused (full resolver without {@code allow_delete}), rename, remove. */
    public enum DeleteMode { NONE, RENAME, HARD }

    /** A full resolver without deletes. */
    public ResolverDirectoryOptions(Path dir, long limit, Duration interval, Duration timeout) {
        this(dir, limit, interval, timeout, false, Duration.ZERO, DeleteMode.NONE);
    }
}
