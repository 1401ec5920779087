package io.jnatsd.auth;

import java.util.concurrent.CompletableFuture;

/**
 * Fetches an account JWT this server does not hold from somewhere else (the directory
 * resolvers ask their cluster peers). A connecting client of that account waits for the result
 * without holding its event loop; the fetched account is in use before the future completes.
 */
public interface AccountFetcher {
    /** Completes with whether the account is now known; never exceptionally. */
    CompletableFuture<Boolean> fetch(String account);
}
