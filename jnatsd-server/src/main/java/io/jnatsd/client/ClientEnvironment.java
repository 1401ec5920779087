package io.jnatsd.client;

import io.jnatsd.auth.AuthResult;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.ConnectOptions;
import java.security.cert.X509Certificate;

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

    /** The INFO line (with CRLF) for this client. */
    String infoLine(ClientConnection connection);

    /** Moves whenever the cluster's client URLs change (async INFO is due). */
    int connectUrlsVersion();

    boolean authRequired();

    /** Authenticates a CONNECT and the client's TLS certificate (null if none); null when refused. */
    AuthResult authenticate(ConnectOptions connect, X509Certificate certificate);

    /** The account of that name, or null when it does not exist. */
    Account account(String name);

    /** A subscription entered or left an account's index (clustering propagates it). */
    void interestAdded(Account account, Subscription subscription);

    void interestRemoved(Account account, Subscription subscription);

    void slowConsumer(ClientConnection connection);
}
