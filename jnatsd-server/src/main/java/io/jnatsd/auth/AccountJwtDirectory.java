package io.jnatsd.auth;

import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.config.ResolverDirectoryOptions;
import io.jnatsd.config.ResolverDirectoryOptions.DeleteMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The directory resolvers' store: each account JWT in {@code <dir>/<account public key>.jwt}, the
 * JWT text alone, as nats-server's resolvers keep it (one flat directory), so either server can
 * start from a directory the other wrote. The directory is the truth for the full resolver; the
 * cache resolver also tracks, in memory, when each file was last used ({@link CachedJwts}), to
 * evict the least recently used one at its limit and remove files whose time to live passed.
 * Writes go through a temporary file and a rename so a reader never sees half a JWT.
 */
public final class AccountJwtDirectory {
    private static final String EXTENSION = ".jwt";
    private static final String DELETED = ".deleted";

    private final Path dir;
    private final long limit;
    private final DeleteMode deleteMode;
    /** The cache resolver's use tracking; null for the full resolver. */
    private final CachedJwts cached;

    public AccountJwtDirectory(ResolverDirectoryOptions options) throws IOException {
        this(options, System::currentTimeMillis);
    }

    public AccountJwtDirectory(ResolverDirectoryOptions options, LongSupplier clockMillis) throws IOException {
        this.dir = options.dir();
        this.limit = options.limit();
        this.deleteMode = options.delete();
        Files.createDirectories(dir);
        this.cached = options.cache() ? new CachedJwts(options.ttl().toMillis(), clockMillis) : null;
        if (cached != null) {
            all().forEach(cached::track);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Whether this is the cache resolver's directory. */
    public boolean isCache() {
        return cached != null;
    }

    /** Every stored account JWT by account public key (files not named for an account key are skipped). */
    public synchronized Map<String, String> all() throws IOException {
        Map<String, String> jwts = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(EXTENSION) || !Files.isRegularFile(file)) {
                    continue;
                }
                String account = name.substring(0, name.length() - EXTENSION.length());
                if (NKeys.isPublicKey(account, NKeyType.ACCOUNT)) {
                    jwts.put(account, Files.readString(file, StandardCharsets.UTF_8).trim());
                }
            }
        }
        return jwts;
    }

    /** The stored JWT of an account, or null; in the cache a read counts as a use. */
    public synchronized String load(String account) throws IOException {
        String jwt = read(account);
        if (jwt != null && cached != null) {
            cached.used(account);
        }
        return jwt;
    }

    private String read(String account) throws IOException {
        if (!NKeys.isPublicKey(account, NKeyType.ACCOUNT)) {
            return null;
        }
        try {
            return Files.readString(file(account), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Stores an account's JWT (already validated by the caller). At the limit the full resolver
     * refuses a new account; the cache evicts the least recently used one to make room.
     *
     * @return false when the same JWT was stored already
     * @throws IOException also when the directory is full ({@code jwt store is full}, as nats-server says)
     */
    public synchronized boolean save(String account, String jwt) throws IOException {
        if (!NKeys.isPublicKey(account, NKeyType.ACCOUNT)) {
            throw new IOException("invalid public key");
        }
        String existing = read(account);
        if (jwt.equals(existing)) {
            if (cached != null) {
                cached.used(account);
            }
            return false;
        }
        if (existing == null && count() >= limit) {
            if (cached == null) {
                throw new IOException("jwt store is full");
            }
            String evicted = cached.leastRecentlyUsed();
            if (evicted != null) {
                Files.deleteIfExists(file(evicted));
                cached.forget(evicted);
            }
        }
        Path temporary = Files.createTempFile(dir, ".update-", ".tmp");
        try {
            Files.writeString(temporary, jwt, StandardCharsets.UTF_8);
            Files.move(temporary, file(account), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        if (cached != null) {
            cached.track(account, jwt);
        }
        return true;
    }

    /**
     * Stores a JWT learnt from a peer (a lookup answer or a pack) unless the stored one is the
     * same JWT or was issued later, as nats-server's resolvers merge.
     *
     * @return whether the JWT was stored
     */
    public synchronized boolean saveIfNewer(String account, String jwt) throws IOException {
        String existing = read(account);
        if (existing != null) {
            try {
                Jwt stored = Jwt.decode(existing);
                Jwt offered = Jwt.decode(jwt);
                if (stored.claims().path("jti").asText("").equals(offered.claims().path("jti").asText(""))
                        || stored.claims().path("iat").asLong(0) > offered.claims().path("iat").asLong(0)) {
                    return false;
                }
            } catch (JwtException e) {
                // A stored JWT that does not decode is replaced.
            }
        }
        return save(account, jwt);
    }

    /**
     * Deletes an account's JWT as configured: renamed to {@code <account>.jwt.deleted} or
     * removed; an account without a file is no error.
     *
     * @return whether a file was there
     * @throws IOException when deletes are not allowed, or the file system refuses
     */
    public synchronized boolean delete(String account) throws IOException {
        if (deleteMode == DeleteMode.NONE) {
            throw new IOException("store is not set up to for delete");
        }
        if (!NKeys.isPublicKey(account, NKeyType.ACCOUNT)) {
            throw new IOException("invalid public key");
        }
        Path file = file(account);
        if (!Files.exists(file)) {
            return false;
        }
        if (deleteMode == DeleteMode.RENAME) {
            Files.move(file, file.resolveSibling(file.getFileName() + DELETED), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        if (cached != null) {
            cached.forget(account);
        }
        return true;
    }

    /**
     * The cache's sweep: removes the files whose time to live (or JWT expiry) passed. The
     * accounts stay in use on this server, as in nats-server; only their JWTs leave the cache.
     *
     * @return the accounts whose files were removed
     */
    public synchronized List<String> expire() throws IOException {
        List<String> removed = new ArrayList<>();
        if (cached == null) {
            return removed;
        }
        for (String account : cached.expired()) {
            Files.deleteIfExists(file(account));
            cached.forget(account);
            removed.add(account);
        }
        return removed;
    }

    /**
     * The directory's state as nats-server's resolvers compare it between servers: the XOR of the
     * SHA-256 of every stored JWT, so two servers holding the same JWTs agree whatever the order.
     */
    public synchronized byte[] hash() throws IOException {
        byte[] hash = new byte[32];
        for (String jwt : all().values()) {
            byte[] one = sha256(jwt);
            for (int i = 0; i < hash.length; i++) {
                hash[i] ^= one[i];
            }
        }
        return hash;
    }

    /** How many JWT files the directory holds, without reading them. */
    private long count() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(EXTENSION)).count();
        }
    }

    private Path file(String account) {
        return dir.resolve(account + EXTENSION);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
