package io.jnatsd.server;

import io.jnatsd.client.ClientConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * An account's client connections, for its connection limit, counted over the whole cluster as
 * nats-server counts it: this server's bound clients plus what the other servers report. A new
 * client is refused when the account already has as many as the limit allows (the count and the
 * binding are one step under a lock, so two clients never both take the last place). When an
 * update lowers the limit below what is connected, the newest connections stay and the older
 * ones are closed; when another server's report puts the cluster over the limit, this server
 * closes its newest ones to make up the difference.
 */
final class AccountConnections {
    private final Collection<ClientConnection> clients;
    private final RemoteAccountConnections remote = new RemoteAccountConnections();

    /** @param clients this server's live client connections */
    AccountConnections(Collection<ClientConnection> clients) {
        this.clients = clients;
    }

    /** Runs {@code join} unless the account has {@code limit} (-1: unlimited) connections in the cluster. */
    synchronized boolean join(ClientConnection connection, String account, long limit, Runnable join) {
        if (limit >= 0 && count(account, connection) + remote.total(account) >= limit) {
            return false;
        }
        join.run();
        return true;
    }

    /** This server's client connections bound to the account. */
    long local(String account) {
        return count(account, null);
    }

    /** Records another server's count; returns this server's connections to close for the limit. */
    synchronized List<ClientConnection> reported(String serverId, String account, int connections, long limit) {
        remote.update(serverId, account, connections);
        if (limit < 0) {
            return List.of();
        }
        long over = local(account) + remote.total(account) - limit;
        if (over <= 0) {
            return List.of();
        }
        List<ClientConnection> bound = newestFirst(account);
        return List.copyOf(bound.subList(0, (int) Math.min(over, bound.size())));
    }

    /** The other servers that report client connections of {@code account}. */
    Set<String> reportingServers(String account) {
        return remote.servers(account);
    }

    /** Forgets the counts of a server that shut down or went silent. */
    void forgetServer(String serverId) {
        remote.forget(serverId);
    }

    /** The connections to close after the limit became {@code limit} (none when -1): the newest stay. */
    synchronized List<ClientConnection> beyondLimit(String account, long limit) {
        if (limit < 0) {
            return List.of();
        }
        long localLimit = Math.max(0, limit - remote.total(account));
        List<ClientConnection> bound = newestFirst(account);
        return bound.size() <= localLimit ? List.of() : List.copyOf(bound.subList((int) localLimit, bound.size()));
    }

    private long count(String account, ClientConnection except) {
        long count = 0;
        for (ClientConnection client : clients) {
            if (client != except && account.equals(client.accountName())) {
                count++;
            }
        }
        return count;
    }

    private List<ClientConnection> newestFirst(String account) {
        List<ClientConnection> bound = new ArrayList<>();
        for (ClientConnection client : clients) {
            if (account.equals(client.accountName())) {
                bound.add(client);
            }
        }
        bound.sort(Comparator.comparing(ClientConnection::started).reversed());
        return bound;
    }
}
