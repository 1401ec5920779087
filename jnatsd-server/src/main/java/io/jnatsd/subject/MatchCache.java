package io.jnatsd.subject;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Match results by literal subject, bounded to about {@code capacity} entries.
 *
 * <p>Lookups are a plain {@link ConcurrentHashMap#get}: lock-free and allocation-free. Entries are
 * added by matchers holding the index's read lock and patched by mutators holding its write lock,
 * so a result computed from the trie can never be stored after a mutation that it missed.
 *
 * <p>Invalidation patches the affected entries instead of clearing the cache: interest churn on
 * unrelated subjects (inboxes coming and going) then leaves hot subjects cached. A literal pattern
 * affects at most the entry of its own subject; a wildcard pattern costs one scan of the cache.
 *
 * <p>Eviction is second chance: when the cache grows past its capacity, one thread sweeps it down
 * to three quarters, keeping entries hit since the previous sweep. Subjects matched once (replies
 * to unique inboxes) go first; subjects that keep being published to stay.
 */
final class MatchCache<T> {

    private final int capacity;
    private final int sweepTarget;
    private final ConcurrentHashMap<String, MatchResult<T>> results;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    /** A capacity of 0 disables caching. */
    MatchCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.sweepTarget = capacity - capacity / 4;
        this.results = new ConcurrentHashMap<>(Math.max(1, capacity));
    }

    MatchResult<T> get(String subject) {
        if (capacity == 0) {
            return null;
        }
        MatchResult<T> result = results.get(subject);
        if (result != null && !result.matchedSinceSweep) {
            result.matchedSinceSweep = true;
        }
        return result;
    }

    /** Caller holds the index's read lock. */
    void put(String subject, MatchResult<T> result) {
        if (capacity == 0) {
            return;
        }
        results.put(subject, result);
        if (results.size() > capacity && sweeping.compareAndSet(false, true)) {
            try {
                sweep();
            } finally {
                sweeping.set(false);
            }
        }
    }

    /** Caller holds the index's write lock. */
    void interestAdded(Interest interest) {
        patch(interest, true);
    }

    /** Caller holds the index's write lock. */
    void interestRemoved(Interest interest) {
        patch(interest, false);
    }

    int size() {
        return results.size();
    }

    /** Sum of {@link MatchResult#fanout()} over the cached results. */
    long totalFanout() {
        long total = 0;
        for (MatchResult<T> result : results.values()) {
            total += result.fanout();
        }
        return total;
    }

    long maxFanout() {
        long maximum = 0;
        for (MatchResult<T> result : results.values()) {
            maximum = Math.max(maximum, result.fanout());
        }
        return maximum;
    }

    private void patch(Interest interest, boolean added) {
        if (results.isEmpty()) {
            return;
        }
        String pattern = interest.subject();
        int literalPrefix = Subjects.literalPrefixLength(pattern);
        if (literalPrefix == pattern.length()) {
            MatchResult<T> result = results.get(pattern);
            if (result != null) {
                results.put(pattern, patched(result, interest, added));
            }
            return;
        }
        // Only subjects starting with the pattern's literal prefix can match; the region compare
        // rejects most cached subjects before the token-by-token match runs.
        results.forEach((subject, result) -> {
            if (subject.regionMatches(0, pattern, 0, literalPrefix) && Subjects.matches(pattern, subject)) {
                results.put(subject, patched(result, interest, added));
            }
        });
    }

    private static <T> MatchResult<T> patched(MatchResult<T> result, Interest interest, boolean added) {
        return added ? result.withInterest(interest) : result.withoutInterest(interest);
    }

    private void sweep() {
        for (int pass = 0; pass < 2 && results.size() > sweepTarget; pass++) {
            Iterator<MatchResult<T>> cached = results.values().iterator();
            while (cached.hasNext() && results.size() > sweepTarget) {
                MatchResult<T> result = cached.next();
                if (result.matchedSinceSweep) {
                    result.matchedSinceSweep = false;
                } else {
                    cached.remove();
                }
            }
        }
    }
}
