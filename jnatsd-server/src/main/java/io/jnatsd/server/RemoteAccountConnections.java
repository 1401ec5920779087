package io.jnatsd.server;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client connections other servers of the cluster report for each account (their
 * {@code $SYS.ACCOUNT.<account>.SERVER.CONNS} events), so an account's connection limit counts
 * the whole cluster, as nats-server counts it. A count stays until the server reports another,
 * shuts down, or goes silent; losing the route to it is not enough (nats-server keeps it too, as
 * the server may still hold its clients on the far side of a partition).
 */
final class RemoteAccountConnections {
    /** Account -> server id -> its last reported count. */
    private final Map<String, Map<String, Integer>> byAccount = new ConcurrentHashMap<>();

    void update(String serverId, String account, int connections) {
        Map<String, Integer> servers = byAccount.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
        if (connections <= 0) {
            servers.remove(serverId);
        } else {
            servers.put(serverId, connections);
        }
    }

    /** Drops every count a server reported: it shut down, or went silent (nats-server's orphan sweep). */
    void forget(String serverId) {
        for (Map<String, Integer> servers : byAccount.values()) {
            servers.remove(serverId);
        }
    }

    /** The servers that report connections of {@code account}. */
    Set<String> servers(String account) {
        Map<String, Integer> servers = byAccount.get(account);
        return servers == null ? Set.of() : Set.copyOf(servers.keySet());
    }

    long total(String account) {
        Map<String, Integer> servers = byAccount.get(account);
        if (servers == null) {
            return 0;
        }
        long total = 0;
        for (int count : servers.values()) {
            total += count;
        }
        return total;
    }
}
