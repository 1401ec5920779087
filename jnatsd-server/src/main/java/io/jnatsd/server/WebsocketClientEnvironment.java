package io.jnatsd.server;

import io.jnatsd.auth.AuthResult;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.ConnectAttempt;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ClientEnvironment;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.ConnectOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The server as one websocket client sees it (see {@link WebsocketClients}): everything is the
 * server's, except the credentials, the auth timeout and the INFO the websocket block changes, and
 * the connection type {@code WEBSOCKET}. The JWT of the block's {@code jwt_cookie}, when the request
 * carried one, stands in for a CONNECT without a JWT, as in nats-server. One per connection.
 */
final class WebsocketClientEnvironment implements ClientEnvironment {
    private static final String WEBSOCKET = "WEBSOCKET";

    private final NatsServer server;
    private final WebsocketClients clients;
    private final String cookieJwt;

    WebsocketClientEnvironment(NatsServer server, WebsocketClients clients, String cookieJwt) {
        this.server = server;
        this.clients = clients;
        this.cookieJwt = cookieJwt;
    }

    @Override
    public ServerOptions options() {
        return clients.current().clientOptions();
    }

    @Override
    public MessageRouter router() {
        return server.router();
    }

    @Override
    public boolean register(ClientConnection connection) {
        return server.register(connection);
    }

    @Override
    public void unregister(ClientConnection connection) {
        server.unregister(connection);
    }

    @Override
    public void clientConnected(ClientConnection connection) {
        server.clientConnected(connection);
    }

    @Override
    public byte[] infoLine(ClientConnection connection, String nonce) {
        Cluster cluster = server.cluster();
        // websocket clients are told the cluster's websocket URLs, never the plain client ones
        List<String> urls = server.websocketClientConnectUrls();
        return clients.current().info().line(connection, nonce, urls.isEmpty() ? null : urls,
                cluster == null ? null : cluster.name(), server.lameDuck());
    }

    @Override
    public int connectUrlsVersion() {
        return server.websocketUrlsVersion();
    }

    @Override
    public boolean authRequired() {
        return clients.current().authRequired();
    }

    @Override
    public boolean nonceRequired() {
        Authenticator own = clients.current().authenticator();
        return own == null ? server.nonceRequired() : own.nonceRequired();
    }

    @Override
    public AuthResult authenticate(ConnectAttempt attempt) {
        ConnectAttempt websocket = asWebsocket(attempt);
        Authenticator own = clients.current().authenticator();
        return own == null ? server.authenticate(websocket) : own.authenticate(websocket);
    }

    @Override
    public boolean revoked(ConnectAttempt attempt) {
        return server.revoked(asWebsocket(attempt));
    }

    /** Websocket clients under the {@code websocket {}} block's own users are judged by {@link #authenticate} alone. */
    @Override
    public boolean userGoneOrMoved(ConnectOptions connect, String account) {
        return clients.current().authenticator() == null && server.userGoneOrMoved(connect, account);
    }

    @Override
    public CompletableFuture<Boolean> accountLookup(ConnectOptions connect) {
        return server.accountLookup(withCookie(connect));
    }

    @Override
    public boolean fetchesAccounts() {
        return server.fetchesAccounts();
    }

    @Override
    public String authenticationFailure(ConnectOptions connect) {
        Authenticator own = clients.current().authenticator();
        return own == null ? server.authenticationFailure(connect) : own.failureDescription(connect);
    }

    @Override
    public boolean joinAccount(ClientConnection connection, Account account, long maxConnections, Runnable join) {
        return server.joinAccount(connection, account, maxConnections, join);
    }

    @Override
    public Account account(String name) {
        return server.account(name);
    }

    @Override
    public void interestAdded(Account account, Subscription subscription) {
        server.interestAdded(account, subscription);
    }

    @Override
    public void interestRemoved(Account account, Subscription subscription) {
        server.interestRemoved(account, subscription);
    }

    @Override
    public void slowConsumer(ClientConnection connection) {
        server.slowConsumer(connection);
    }

    private ConnectAttempt asWebsocket(ConnectAttempt attempt) {
        return new ConnectAttempt(withCookie(attempt.connect()), attempt.certificate(), attempt.nonce(),
                attempt.address(), WEBSOCKET);
    }

    private ConnectOptions withCookie(ConnectOptions connect) {
        if (cookieJwt != null && (connect.jwt == null || connect.jwt.isEmpty()) && connect != ConnectOptions.DEFAULTS) {
            connect.jwt = cookieJwt;
        }
        return connect;
    }
}
