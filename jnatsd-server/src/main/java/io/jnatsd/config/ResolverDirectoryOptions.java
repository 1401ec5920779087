package io.jnatsd.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The full account resolver ({@code resolver { type: full, dir: ... }}): account JWTs kept as
 * {@code <dir>/<account>.jwt}, the layout nats-server's full resolver uses, so one directory
 * serves either server.
 *
 * @param limit    how many account JWTs the directory may hold (nats-server refuses more)
 * @param interval how often this server asks its peers for JWTs it misses
 * @param timeout  how long a lookup from another server may take
 */
public record ResolverDirectoryOptions(Path dir, long limit, Duration interval, Duration timeout) {
    public static final long UNLIMITED = Long.MAX_VALUE;
}
