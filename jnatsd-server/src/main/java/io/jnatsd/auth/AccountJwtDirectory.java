package io.jnatsd.auth;

import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.config.ResolverDirectoryOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The full resolver's store: each account JWT in {@code <dir>/<account public key>.jwt}, the JWT
 * text alone, as nats-server's full resolver keeps it (one flat directory), so either server can
 * start from a directory the other wrote. The directory is the truth; this class only reads and
 * writes files. Writes go through a temporary file and a rename so a reader never sees half a JWT.
 */
public final class AccountJwtDirectory {
    private static final String EXTENSION = ".jwt";

    private final Path dir;
    private final long limit;

    public AccountJwtDirectory(ResolverDirectoryOptions options) throws IOException {
        this.dir = options.dir();
        this.limit = options.limit();
        Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
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

    /** The stored JWT of an account, or null. */
    public synchronized String load(String account) throws IOException {
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
     * Stores an account's JWT (already validated by the caller).
     *
     * @return false when the same JWT was stored already
     * @throws IOException also when the directory is full ({@code jwt store is full}, as nats-server says)
     */
    public synchronized boolean save(String account, String jwt) throws IOException {
        if (!NKeys.isPublicKey(account, NKeyType.ACCOUNT)) {
            throw new IOException("invalid public key");
        }
        String existing = load(account);
        if (jwt.equals(existing)) {
            return false;
        }
        if (existing == null && count() >= limit) {
            throw new IOException("jwt store is full");
        }
        Path temporary = Files.createTempFile(dir, ".update-", ".tmp");
        try {
            Files.writeString(temporary, jwt, StandardCharsets.UTF_8);
            Files.move(temporary, file(account), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return true;
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
