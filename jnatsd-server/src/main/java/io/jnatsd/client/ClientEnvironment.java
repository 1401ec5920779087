package io.jnatsd.client;

import io.jnatsd.auth.AuthResult;
import io.jnatsd.auth.ConnectAttempt;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.ConnectOptions;
import java.util.concurrent.CompletableFuture;

/**
 * What a client connection needs from the server around it. Implemented by the server layer,
 * which the client layer must not import.
 */
public interface ClientEnvironment {
    ServerOptions options();

    MessageRouter router();

    /** Assigns the connection its id and registers it; false when max_connections is reached. */
    boolean register(ClientConnection connection);

    void unregister(ClientConnection connection);

    /** The connection's first CONNECT was accepted and it is bound to its account. */
    void clientConnected(ClientConnection connection);

    /**
     * The INFO line (with CRLF, UTF-8) for this client, a fresh array the caller may keep;
     * {@code nonce} (null for none) goes only in the first INFO.
     */
    byte[] infoLine(ClientConnection connection, String nonce);

    /** Moves whenever the cluster's client URLs change (async INFO is due). */
    int connectUrlsVersion();

    boolean authRequired();

    /** Whether clients are sent a nonce to sign (NKey or JWT users may connect). */
    boolean nonceRequired();

    /** Authenticates a CONNECT, the client's TLS certificate and nonce signature; null when refused. */
    AuthResult authenticate(ConnectAttempt attempt);

    /** Whether a JWT user is refused because its account revoked it. */
    boolean revoked(ConnectAttempt attempt);

    /**
     * After a reload: whether the configured user this CONNECT named is gone or now belongs to
     * another account than {@code account} (see {@link io.jnatsd.auth.Authenticator#namesConfiguredUser}).
     * Such a client is closed without an error, to reconnect, as nats-server does.
     */
    default boolean userGoneOrMoved(ConnectOptions connect, String account) {
        return false;
    }

    /**
     * When the CONNECT's user JWT belongs to an account this server does not know and its
     * resolver is fetching it: completes when the fetch ends (the client parses its CONNECT
     * then). Null when there is nothing to wait for.
     */
    default CompletableFuture<Boolean> accountLookup(ConnectOptions connect) {
        return null;
    }

    /** Whether {@link #accountLookup} may ever ask a client to wait (a resolver that fetches). */
    default boolean fetchesAccounts() {
        return false;
    }

    /** The text nats-server logs when a client's credentials are refused. */
    String authenticationFailure(ConnectOptions connect);

    /**
     * Binds the connection to {@code account} by running {@code join}, unless the account already
     * has {@code maxConnections} (-1: unlimited) bound client connections on this server; the
     * count and the join are one step, so two connections never both take the last place.
     */
    boolean joinAccount(ClientConnection connection, Account account, long maxConnections, Runnable join);

    /** The account of that name, or null when it does not exist. */
    Account account(String name);

    /** A subscription entered or left an account's index (clustering propagates it). */
    void interestAdded(Account account, Subscription subscription);

    void interestRemoved(Account account, Subscription subscription);

    void slowConsumer(ClientConnection connection);
}
