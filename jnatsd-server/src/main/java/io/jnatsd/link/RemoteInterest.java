package io.jnatsd.link;

import io.jnatsd.dispatch.RouteLink;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.subject.MatchResult;
import io.jnatsd.subject.SubjectIndex;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interest one remote server announced on one link (RS+/RS-), per account, each entry tagged
 * with the link it came from so a match says where to forward. Changed on the link's loop, matched
 * from any loop; everything goes when the link closes, so nothing of a dead peer lingers.
 *
 * <p>Routes keep remote interest in the account's own index (one match serves local and route
 * delivery); gateways keep it here, one table per outbound connection as nats-server does, because a
 * remote cluster's interest must never be confused with this cluster's.
 */
public final class RemoteInterest {
    private final RouteLink link;
    private final Map<String, SubjectIndex<Subscription>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Subscription> byKey = new ConcurrentHashMap<>();

    public RemoteInterest(RouteLink link) {
        this.link = link;
    }

    private static String key(String account, String subject, String queue) {
        return queue == null ? account + ' ' + subject : account + ' ' + subject + ' ' + queue;
    }

    /** Records an RS+; a repeated one only updates the queue weight. @return whether it was new */
    public boolean add(String account, String subject, String queue, int weight) {
        String key = key(account, subject, queue);
        Subscription existing = byKey.get(key);
        if (existing != null) {
            existing.weight(weight);
            return false;
        }
        Subscription interest = Subscription.remote(link, subject, queue, weight, key);
        // The index refuses an invalid subject (IllegalArgumentException) before anything is recorded.
        byAccount.computeIfAbsent(account, a -> new SubjectIndex<>()).insert(interest);
        byKey.put(key, interest);
        return true;
    }

    /** Drops what an RS- withdraws. @return whether it was there */
    public boolean remove(String account, String subject, String queue) {
        Subscription interest = byKey.remove(key(account, subject, queue));
        if (interest == null) {
            return false;
        }
        SubjectIndex<Subscription> index = byAccount.get(account);
        if (index != null) {
            index.remove(interest);
        }
        return true;
    }

    /** The remote's interest matching {@code subject} in {@code account}, or null when it has none there. */
    public MatchResult<Subscription> match(String account, String subject) {
        SubjectIndex<Subscription> index = byAccount.get(account);
        if (index == null) {
            return null;
        }
        MatchResult<Subscription> result = index.match(subject);
        return result.isEmpty() ? null : result;
    }

    public int size() {
        return byKey.size();
    }

    /** How many entries the remote holds in {@code account}. */
    public int size(String account) {
        SubjectIndex<Subscription> index = byAccount.get(account);
        return index == null ? 0 : index.count();
    }

    public Collection<String> accounts() {
        return byAccount.keySet();
    }

    public Collection<Subscription> all() {
        return byKey.values();
    }

    public void clear() {
        byKey.clear();
        byAccount.clear();
    }
}
