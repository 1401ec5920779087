package io.jnatsd.cluster;

import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.route.RouteMessageEncoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Turns local subscription changes into RS+/RS- for every peer (ROUTES.md §6): a plain subject
 * is announced when its local count goes 0→1 and withdrawn at 1→0; a queue group is announced
 * with its member count as weight at every change and withdrawn at 0.
 *
 * <p>Ordering hazard (nats-server #8233): subscribe, unsubscribe and disconnect race on one
 * subject from different loops. Each account's counts are changed and the resulting lines
 * appended to the route's outbound buffer under one lock per account, so lines leave in the
 * order the decisions were taken. A new route's initial snapshot is taken under the same lock.
 */
final class InterestPropagator {
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
        AccountInterest interest = of(account);
        synchronized (interest) {
            int count = interest.change(subscription.subject(), subscription.queue(), 1);
            if (subscription.queue() != null || count == 1) {
                announce(account, subscription.subject(), subscription.queue(), count);
            }
        }
    }

    void removed(Account account, Subscription subscription) {
        AccountInterest interest = of(account);
        synchronized (interest) {
            int count = interest.change(subscription.subject(), subscription.queue(), -1);
            if (count == 0) {
                withdraw(account, subscription.subject(), subscription.queue());
            } else if (subscription.queue() != null) {
                announce(account, subscription.subject(), subscription.queue(), count);
            }
        }
    }

    private void announce(Account account, String subject, String queue, int weight) {
        if (!imported.test(subject)) {
            return;
        }
        for (Remote remote : remotes.get()) {
            RouteConnection connection = remote.connectionFor(account.name());
            if (connection != null) {
                connection.sendInterest(RouteMessageEncoder.subscribeLine(
                        connection.accountToken(account), subject, queue, weight));
            }
        }
    }

    private void withdraw(Account account, String subject, String queue) {
        if (!imported.test(subject)) {
            return;
        }
        for (Remote remote : remotes.get()) {
            RouteConnection connection = remote.connectionFor(account.name());
            if (connection != null) {
                connection.sendInterest(RouteMessageEncoder.unsubscribeLine(
                        connection.accountToken(account), subject, queue));
            }
        }
    }

    /** Sends a newly registered connection all local interest of the accounts it carries. */
    void syncTo(RouteConnection connection, Iterable<Account> accounts) {
        for (Account account : accounts) {
            if (!connection.carries(account.name())) {
                continue;
            }
            AccountInterest interest = of(account);
            synchronized (interest) {
                StringBuilder lines = new StringBuilder();
                String token = connection.accountToken(account);
                interest.counts.forEach((key, count) -> {
                    if (imported.test(key.subject)) {
                        lines.append(RouteMessageEncoder.subscribeLine(token, key.subject, key.queue, count));
                    }
                });
                if (lines.length() > 0) {
                    connection.sendInterest(lines.toString());
                }
            }
        }
    }

    private record Key(String subject, String queue) {
    }

    /** Local interest counts of one account; guarded by its own monitor. */
    private static final class AccountInterest {
        private final Map<Key, Integer> counts = new HashMap<>();

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
