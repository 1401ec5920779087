package io.jnatsd.leaf;

import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.AccountMappings;
import io.jnatsd.dispatch.Subscription;
import java.util.HashMap;
import java.util.Map;

/**
 * What this side announced on one leaf connection (LEAFNODES.md §7.2, §8): a plain subject with
 * LS+ when its count goes 0→1 and LS- at 1→0; a queue group with LS+ and its member count (the
 * weights of remote members summed) as weight at every change, LS- at 0. The initial burst and later changes are counted and written
 * under one monitor, so lines leave in the order the decisions were taken.
 */
final class LeafInterest {
    private final LeafConnection connection;
    private final Map<String, int[]> counts = new HashMap<>();

    LeafInterest(LeafConnection connection) {
        this.connection = connection;
    }

    /** Writes {@code first} (INFO #2 on the hub side) and one LS+ per key this side offers, then the loop subject. */
    synchronized void sendInitial(Account account, String first, String loopSubject) {
        StringBuilder lines = new StringBuilder();
        account.subscriptions().forEach(subscription -> {
            if (connection.leafNodes().offers(connection, subscription)) {
                change(lines, subscription.subject(), subscription.queue(), members(subscription));
            }
        });
        AccountMappings mappings = account.mappings();
        if (mappings != null) {
            // Leaf nodes send only what we are interested in, and a mapping's source is that, as in nats-server.
            for (String source : mappings.sources()) {
                if (connection.mayAnnounce(source)) {
                    change(lines, source, null, 1);
                }
            }
        }
        lines.append("LS+ ").append(loopSubject).append("\r\n");
        connection.sendInterest(first, lines);
    }

    /** Announces a subject not announced yet (a new mapping source), as if this side had a subscription on it. */
    synchronized void forceAdd(String subject) {
        if (!counts.containsKey(subject)) {
            StringBuilder lines = new StringBuilder();
            change(lines, subject, null, 1);
            connection.sendInterest(lines);
        }
    }

    synchronized void changed(Subscription subscription, boolean added) {
        int members = members(subscription);
        changed(subscription, added ? members : -members);
    }

    /** {@code delta} members joined or left behind a queue interest (a peer re-announced its weight). */
    synchronized void changed(Subscription subscription, int delta) {
        StringBuilder lines = new StringBuilder();
        change(lines, subscription.subject(), subscription.queue(), delta);
        if (!lines.isEmpty()) {
            connection.sendInterest(lines);
        }
    }

    /**
     * What one subscription adds to a key's count: a queue interest of a route or another leaf counts
     * with its weight, so the weight we announce sums all members behind us (LEAFNODES.md §8.2).
     */
    private static int members(Subscription subscription) {
        return subscription.queue() == null ? 1 : Math.max(1, subscription.weight());
    }

    private void change(StringBuilder lines, String subject, String queue, int delta) {
        String key = queue == null ? subject : subject + ' ' + queue;
        int[] count = counts.get(key);
        if (count == null) {
            if (delta < 0) {
                return;   // removed before the burst saw it
            }
            count = new int[1];
            counts.put(key, count);
        }
        count[0] += delta;
        if (count[0] <= 0) {
            counts.remove(key);
            lines.append("LS- ").append(subject);
            if (queue != null) {
                lines.append(' ').append(queue);
            }
            lines.append("\r\n");
        } else if (queue != null) {
            lines.append("LS+ ").append(subject).append(' ').append(queue).append(' ').append(count[0]).append("\r\n");
        } else if (count[0] == 1) {
            lines.append("LS+ ").append(subject).append("\r\n");
        }
    }
}
