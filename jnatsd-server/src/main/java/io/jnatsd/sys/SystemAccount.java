package io.jnatsd.sys;

import io.jnatsd.dispatch.Account;
import io.jnatsd.monitor.MonitorDocuments;
import io.jnatsd.server.NatsServer;

/**
 * The system account's services on one server: the requests every server answers
 * ({@link ServerRequests}) and the connection advisories ({@link ConnectionAdvisories}), both
 * through one internal client. Start it after the server is listening and before it joins its
 * cluster, so its interest is part of what routes learn first.
 */
public final class SystemAccount implements AutoCloseable {
    private final NatsServer server;
    private final SystemClient client;

    private SystemAccount(NatsServer server, SystemClient client) {
        this.server = server;
        this.client = client;
    }

    /**
     * Subscribes the system client and listens to connections.
     *
     * @return null when the server runs without a system account
     */
    public static SystemAccount start(NatsServer server, MonitorDocuments documents) {
        String name = server.options().systemAccountName();
        Account account = name == null ? null : server.accounts().get(name);
        if (account == null) {
            return null;
        }
        SystemClient client = new SystemClient(server, account);
        ServerInfoHeader header = new ServerInfoHeader(server);
        new ServerRequests(server, documents, client, header).subscribe();
        server.connectionEvents(new ConnectionAdvisories(client, header));
        return new SystemAccount(server, client);
    }

    @Override
    public void close() {
        server.connectionEvents(null);
        client.stop();
    }
}
