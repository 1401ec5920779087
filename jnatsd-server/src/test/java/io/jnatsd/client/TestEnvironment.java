package io.jnatsd.client;

import io.jnatsd.auth.AuthResult;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.ConnectOptions;
import java.util.concurrent.atomic.AtomicLong;

/** A server around client connections without any networking: one global account, no auth. */
final class TestEnvironment implements ClientEnvironment {
    private final ServerOptions options;
    private final MessageRouter router = new MessageRouter();
    private final Account global = new Account(Account.GLOBAL);
    private final AtomicLong nextId = new AtomicLong();

    TestEnvironment(ServerOptions options) {
        this.options = options;
    }

    @Override
    public ServerOptions options() {
        return options;
    }

    @Override
    public MessageRouter router() {
        return router;
    }

    @Override
    public boolean register(ClientConnection connection) {
        connection.assignId(nextId.incrementAndGet());
        return true;
    }

    @Override
    public void unregister(ClientConnection connection) {
    }

    @Override
    public byte[] infoLine(ClientConnection connection, String nonce) {
        return ("INFO {\"client_id\":" + connection.id() + "} \r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void clientConnected(ClientConnection connection) {
    }

    @Override
    public int connectUrlsVersion() {
        return 0;
    }

    @Override
    public boolean authRequired() {
        return false;
    }

    @Override
    public boolean nonceRequired() {
        return false;
    }

    @Override
    public AuthResult authenticate(io.jnatsd.auth.ConnectAttempt attempt) {
        return new AuthResult(null, Account.GLOBAL, null);
    }

    @Override
    public boolean revoked(io.jnatsd.auth.ConnectAttempt attempt) {
        return false;
    }

    @Override
    public String authenticationFailure(ConnectOptions connect) {
        return "authentication error";
    }

    @Override
    public Account account(String name) {
        return Account.GLOBAL.equals(name) ? global : null;
    }

    @Override
    public boolean joinAccount(ClientConnection connection, Account account, long maxConnections, Runnable join) {
        join.run();
        return true;
    }

    @Override
    public void interestAdded(Account account, Subscription subscription) {
    }

    @Override
    public void interestRemoved(Account account, Subscription subscription) {
    }

    @Override
    public void slowConsumer(ClientConnection connection) {
    }
}
