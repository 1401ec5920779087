package io.jnatsd.gateway;

import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.gateway.GatewayInfo;
import io.jnatsd.protocol.route.RouteMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This cluster's interest as remote clusters must know it (GATEWAYS.md §4.2): a tally per account
 * of every subscription in the cluster — this server's clients and internal subscribers, and what
 * the route peers announced — announced on every inbound gateway connection with RS+ when a
 * subject (or queue group) goes 0→1 and RS- at 1→0; queue weight is always 1.
 *
 * <p>Each account's counts change and the resulting lines are written under the account's lock,
 * and a new inbound connection's snapshot is taken under the same lock, so no connection sees an
 * RS- before its RS+. A switch ({@code gateway_cmd} 2, RS+, 3) carries the whole tally, so
 * sending it twice to one connection (a registration racing an account's appearance) is harmless.
 */
final class ClusterInterest {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterInterest.class);
    private final Map<String, Tally> byAccount = new ConcurrentHashMap<>();
    private final Supplier<List<GatewayConnection>> inbound;
    private final String gatewayName;

    ClusterInterest(String gatewayName, Supplier<List<GatewayConnection>> inbound) {
        this.gatewayName = gatewayName;
        this.inbound = inbound;
    }

    private Tally of(Account account) {
        return byAccount.computeIfAbsent(account.name(), a -> new Tally());
    }

    /**
     * The accounts this server has before any inbound connection exists: switched on each one as
     * it registers ({@link #sendAll}), so their first subscription is a plain RS+.
     */
    void existing(Iterable<Account> accounts) {
        for (Account account : accounts) {
            Tally tally = of(account);
            synchronized (tally) {
                tally.switchAnnounced = true;
            }
        }
    }

    /**
     * An account that appears after the inbound connections registered (added by a reload, an
     * operator's JWT or a peer naming it) is switched on every one at once, with nothing or its
     * interest between {@code gateway_cmd} 2 and 3, as nats-server 2.10.27 switches an account a
     * reload adds: a peer that sends optimistically (no {@code gateway_iom}) stops sending it
     * what nobody here wants.
     */
    void registered(Account account) {
        Tally tally = of(account);
        synchronized (tally) {
            if (!tally.switchAnnounced) {
                tally.switchAnnounced = true;
                broadcast(switchLines(account, tally));
            }
        }
    }

    /** A subscription joined the cluster: RS+ at 0→1, inside a switch if the account was never switched. */
    void added(Account account, Subscription subscription) {
        Tally tally = of(account);
        synchronized (tally) {
            if (tally.change(subscription.subject(), subscription.queue(), 1) == 1) {
                if (tally.switchAnnounced) {
                    broadcastChange(RouteMessageEncoder.subscribeLine(account.name(), subscription.subject(),
                            subscription.queue(), 1));
                } else {
                    tally.switchAnnounced = true;
                    broadcast(switchLines(account, tally));
                }
            }
        }
    }

    void removed(Account account, Subscription subscription) {
        Tally tally = of(account);
        synchronized (tally) {
            if (tally.change(subscription.subject(), subscription.queue(), -1) == 0) {
                broadcastChange(RouteMessageEncoder.unsubscribeLine(account.name(), subscription.subject(),
                        subscription.queue()));
            }
        }
    }

    private void broadcast(String lines) {
        for (GatewayConnection connection : inbound.get()) {
            connection.sendInterest(lines);
        }
    }

    /** One RS+ or RS-: traced, as nats-server traces a change, unlike the switch that carries the whole tally. */
    private void broadcastChange(String line) {
        for (GatewayConnection connection : inbound.get()) {
            connection.sendInterestChange(line);
        }
    }

    /**
     * A new inbound connection: every account switched to interest-only at once (GATEWAYS.md §3.2
     * step 4, §4.1): {@code gateway_cmd} 2, RS+ for all its interest (queue groups first), 3.
     */
    void sendAll(GatewayConnection connection, Iterable<Account> accounts) {
        for (Account account : accounts) {
            LOG.debug("{} - Gateway \"{}\": switching account \"{}\" to Interest-Only mode", connection.logPrefix(),
                    connection.remoteName(), account.name());
            Tally tally = of(account);
            synchronized (tally) {
                connection.sendInterest(switchLines(account, tally));
            }
            LOG.debug("{} - Gateway \"{}\": switching account \"{}\" to Interest-Only mode complete",
                    connection.logPrefix(), connection.remoteName(), account.name());
        }
    }

    /** {@code gateway_cmd} 2, RS+ for all the account's interest (queue groups first), 3; under the tally's lock. */
    private String switchLines(Account account, Tally tally) {
        byte[] name = account.name().getBytes(StandardCharsets.UTF_8);
        StringBuilder lines = new StringBuilder();
        lines.append(GatewayInfo.command(gatewayName, GatewayInfo.ALL_SUBS_START, name).line());
        tally.counts.keySet().stream().filter(k -> k.queue != null).forEach(k ->
                lines.append(RouteMessageEncoder.subscribeLine(account.name(), k.subject, k.queue, 1)));
        tally.counts.keySet().stream().filter(k -> k.queue == null).forEach(k ->
                lines.append(RouteMessageEncoder.subscribeLine(account.name(), k.subject, null, 1)));
        lines.append(GatewayInfo.command(gatewayName, GatewayInfo.ALL_SUBS_COMPLETE, name).line());
        return lines.toString();
    }

    private record Key(String subject, String queue) {
    }

    /** Cluster-wide counts of one account; guarded by its own monitor. */
    private static final class Tally {
        private final Map<Key, Integer> counts = new HashMap<>();
        /** Whether every inbound connection has been told this account is interest-only. */
        private boolean switchAnnounced;

        int change(String subject, String queue, int delta) {
            Key key = new Key(subject, queue);
            int count = counts.getOrDefault(key, 0) + delta;
            if (count <= 0) {
                counts.remove(key);
                return 0;
            }
            counts.put(key, count);
            return count;
        }
    }
}
