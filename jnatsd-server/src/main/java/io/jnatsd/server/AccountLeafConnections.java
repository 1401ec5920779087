package io.jnatsd.server;

import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * An account's leaf node connections, for its leaf limit (JWT {@code limits.leaf}, config
 * {@code max_leafnodes}), counted over the whole cluster as nats-server counts them: this
 * server's leafs bound to the account, accepted and solicited alike, plus the {@code leafnodes}
 * the other servers report. A new leaf is refused when the account already has as many as the
 * limit allows (count and registration are one step under a lock, so two leafs never both take
 * the last place). When another server's report puts the cluster over the limit, this server
 * closes its newest leafs of the account to make up the difference, as nats-server does; an
 * account update that lowers the limit closes nothing by itself (nats-server 2.10.27 neither).
 */
final class AccountLeafConnections {
    private final ToLongFunction<String> localCount;
    private final RemoteAccountConnections remote = new RemoteAccountConnections();

    /** @param localCount this server's registered leaf connections bound to an account */
    AccountLeafConnections(ToLongFunction<String> localCount) {
        this.localCount = localCount;
    }

    /** Runs {@code join} unless the account has {@code limit} (-1: unlimited) leafs in the cluster. */
    synchronized boolean join(String account, long limit, Runnable join) {
        if (limit >= 0 && local(account) + remote.total(account) >= limit) {
            return false;
        }
        join.run();
        return true;
    }

    /** This server's leaf connections bound to the account. */
    long local(String account) {
        return localCount.applyAsLong(account);
    }

    /** Records another server's count; returns how many of this server's leafs to close for the limit. */
    synchronized int reported(String serverId, String account, int leafs, long limit) {
        remote.update(serverId, account, leafs);
        if (limit < 0) {
            return 0;
        }
        long over = local(account) + remote.total(account) - limit;
        return over <= 0 ? 0 : (int) Math.min(over, local(account));
    }

    /** Forgets the counts of servers that are no longer peers. */
    /** Another server shut down or went silent: its leaf connections no longer count. */
    /** The other servers that report leaf connections of {@code account}. */
    Set<String> reportingServers(String account) {
        return remote.servers(account);
    }

    void forgetServer(String serverId) {
        remote.forget(serverId);
    }
}
