package io.jnatsd.cluster;

import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.Subscription;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns local subscription changes into RS+/RS- for every peer (ROUTES.md §6): a plain subject
 * is announced when its local count goes 0→1 and withdrawn at 1→0; a queue group is announced
 * with its member count as weight at every change and withdrawn at 0. Interest of the leaf
 * connections this server is the hub of counts apart, per leaf cluster, and goes out as
 * {@code LS+ <origin> ...} (ROUTES.md §5.4) so that no peer offers it back to that cluster.
 *
 * <p>Ordering hazard (nats-server #8233): subscribe, unsubscribe and disconnect race on one
 * subject from different loops. Each account's counts are changed and the resulting lines
 * appended to the route's outbound buffer under one lock per account, so lines leave in the
 * order the decisions were taken. A new route's initial snapshot is taken under the same lock.
 */
final class InterestPropagator {
    private static final Logger LOG = LoggerFactory.getLogger(InterestPropagator.class);
    /** The weight that {@link #send} writes as a withdrawal: announced weights are at least 1. */
    private static final int WITHDRAWAL = 0;

    private final Map<Account, AccountInterest> byAccount = new ConcurrentHashMap<>();
    private final Supplier<List<Remote>> remotes;
    private final java.util.function.Predicate<String> imported;

    /** @param imported whether we ask peers for a subject: the route import permission (§6.4) */
    InterestPropagator(Supplier<List<Remote>> remotes, java.util.function.Predicate<String> imported) {
        this.remotes = remotes;
        this.imported = imported;
    }

    private AccountInterest of(Account account) {
        return byAccount.computeIfAbsent(account, a -> new AccountInterest());
    }

    void added(Account account, Subscription subscription) {
        changed(account, subscription, subscription.weight());
    }

    void removed(Account account, Subscription subscription) {
        changed(account, subscription, -subscription.weight());
    }

    /**
     * {@code delta} members joined (or left, negative) behind {@code subscription}: one for a client's
     * subscription, the announced weight for a leaf's queue interest, whose re-announced weights come
     * here as differences.
     */
    void changed(Account account, Subscription subscription, int delta) {
        if (delta == 0) {
            return;
        }
        AccountInterest interest = of(account);
        synchronized (interest) {
            Key key = new Key(subscription.origin(), subscription.subject(), subscription.queue());
            int before = interest.counts.getOrDefault(key, 0);
            int count = interest.change(key, delta);
            if (count == 0) {
                withdraw(account, key);
            } else if (key.queue != null || before == 0) {
                announce(account, key, count);
            }
        }
    }

    private void announce(Account account, Key key, int weight) {
        send(account, key, weight);
    }

    private void withdraw(Account account, Key key) {
        send(account, key, WITHDRAWAL);
    }

    /**
     * Appends the line (RS- for {@link #WITHDRAWAL}, else RS+ with the weight) to every peer's connection for the account, then
     * flushes them, those on other loops first: a route on this loop is written with a socket
     * write right here, and a route on the other loop should not wait for that write before its
     * loop is woken (the subscribing client's loop is seldom the route's).
     */
    private void send(Account account, Key key, int weight) {
        if (!imported.test(key.subject)) {
            return;
        }
        List<Remote> peers = remotes.get();
        RouteConnection[] written = new RouteConnection[peers.size()];
        int count = 0;
        for (Remote remote : peers) {
            RouteConnection connection = remote.connectionFor(account.name());
            if (connection != null && connection.appendInterestChange(weight == WITHDRAWAL
                    ? connection.unsubscribeLine(account, key.origin, key.subject, key.queue)
                    : connection.subscribeLine(account, key.origin, key.subject, key.queue, weight))) {
                written[count++] = connection;
            }
        }
        for (int i = 0; i < count; i++) {
            if (!written[i].flushesInline()) {
                written[i].flushInterest();
            }
        }
        for (int i = 0; i < count; i++) {
            if (written[i].flushesInline()) {
                written[i].flushInterest();
            }
        }
    }

    /**
     * Sends a newly registered connection all local interest of the accounts it carries, in one
     * write: each account's lines are appended under its lock (so that no later change can
     * overtake the snapshot), and the connection is flushed once after the last account.
     */
    void syncTo(RouteConnection connection, Iterable<Account> accounts) {
        boolean appended = false;
        for (Account account : accounts) {
            if (!connection.carries(account.name())) {
                continue;
            }
            AccountInterest interest = of(account);
            synchronized (interest) {
                StringBuilder lines = new StringBuilder();
                interest.counts.forEach((key, count) -> {
                    if (imported.test(key.subject)) {
                        lines.append(connection.subscribeLine(account, key.origin, key.subject, key.queue, count));
                    }
                });
                if (lines.length() > 0) {
                    appended |= connection.appendInterest(lines.toString());
                }
            }
        }
        if (appended) {
            connection.flushInterest();
            LOG.debug("{} - Sent local subscriptions to route", connection.logPrefix());
        }
    }

    /** Interest held for a leaf cluster ({@code origin}) is counted and announced apart from our own. */
    private record Key(String origin, String subject, String queue) {
    }

    /** Local interest counts of one account; guarded by its own monitor. */
    private static final class AccountInterest {
        private final Map<Key, Integer> counts = new HashMap<>();

        int change(Key key, int delta) {
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
