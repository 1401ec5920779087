package io.jnatsd.server;

import io.jnatsd.client.ClientConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Counting an account's client connections on this server, for its connection limit: a new
 * client is refused when the account has as many as the limit allows, and when an update lowers
 * the limit below what is connected, nats-server keeps the newest connections and closes the
 * older ones.
 */
final class AccountConnections {
    private AccountConnections() {
    }

    static long count(Collection<ClientConnection> clients, String account, ClientConnection except) {
        long count = 0;
        for (ClientConnection client : clients) {
            if (client != except && account.equals(client.accountName())) {
                count++;
            }
        }
        return count;
    }

    /** The {@code over} newest connections of the account (none when {@code over} is not positive). */
    static List<ClientConnection> newestOver(Collection<ClientConnection> clients, String account, long over) {
        if (over <= 0) {
            return List.of();
        }
        List<ClientConnection> bound = bound(clients, account);
        bound.sort(Comparator.comparing(ClientConnection::started).reversed());
        return List.copyOf(bound.subList(0, (int) Math.min(over, bound.size())));
    }

    private static List<ClientConnection> bound(Collection<ClientConnection> clients, String account) {
        List<ClientConnection> bound = new ArrayList<>();
        for (ClientConnection client : clients) {
            if (account.equals(client.accountName())) {
                bound.add(client);
            }
        }
        return bound;
    }

    /** The connections to close so that {@code limit} remain (none when -1): the newest stay. */
    static List<ClientConnection> beyondLimit(Collection<ClientConnection> clients, String account, long limit) {
        if (limit < 0) {
            return List.of();
        }
        List<ClientConnection> bound = bound(clients, account);
        if (bound.size() <= limit) {
            return List.of();
        }
        bound.sort(Comparator.comparing(ClientConnection::started).reversed());
        return List.copyOf(bound.subList((int) limit, bound.size()));
    }
}
