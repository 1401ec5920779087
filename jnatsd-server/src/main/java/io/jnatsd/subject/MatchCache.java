package io.jnatsd.subject;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Match results by literal subject, bounded to {@code capacity} entries.
 *
 * <p>Lookups are a plain {@link ConcurrentHashMap#get}: lock-free and allocation-free. Entries are
 * added by matchers holding the index's read lock and patched by mutators holding its write lock,
 * so a result computed from the trie can never be stored after a mutation that it missed.
 *
 * <p>Invalidation patches the affected entries instead of clearing the cache: interest churn on
 * unrelated subjects (inboxes coming and going) then leaves hot subjects cached. A literal pattern
 * affects at most the entry of its own subject. A wildcard pattern has to look at every cached
 * subject, so beside the map the cache keeps its subjects in an array with the hash of each first
 * token: a pattern whose first token is literal compares ints and reads only the subjects that
 * share that token. (Walking the map instead cost about 5 ns per entry, 1024 entries, per mutation.)
 *
 * <p>Eviction is second chance: when the cache grows past its capacity it is swept down to three
 * quarters, keeping entries hit since the previous sweep. Subjects matched once (replies to unique
 * inboxes) go first; subjects that keep being published to stay.
 */
final class MatchCache<T> {

    private final int capacity;
    private final int sweepTarget;
    private final ConcurrentHashMap<String, MatchResult<T>> results;

    /** Guards the subject array. Puts and sweeps take it on a cache miss; patches under the write lock. */
    private final Object subjectsLock = new Object();
    private String[] subjects;
    private int[] firstTokenHashes;
    private int size;

    /** A capacity of 0 disables caching. */
    MatchCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.sweepTarget = capacity - capacity / 4;
        this.results = new ConcurrentHashMap<>(Math.max(1, capacity));
        this.subjects = new String[Math.min(capacity + 1, 64)];
        this.firstTokenHashes = new int[subjects.length];
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
        synchronized (subjectsLock) {
            if (results.put(subject, result) != null) {
                return;
            }
            if (size == subjects.length) {
                subjects = Arrays.copyOf(subjects, size * 2);
                firstTokenHashes = Arrays.copyOf(firstTokenHashes, size * 2);
            }
            subjects[size] = subject;
            firstTokenHashes[size] = firstTokenHash(subject);
            size++;
            if (size > capacity) {
                sweep();
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
        if (capacity == 0) {
            return;
        }
        String pattern = interest.subject();
        int literalPrefix = Subjects.literalPrefixLength(pattern);
        if (literalPrefix == pattern.length()) {
            patchEntry(pattern, interest, added);
            return;
        }
        boolean firstTokenLiteral = literalPrefix > 0;
        int patternHash = firstTokenLiteral ? firstTokenHash(pattern) : 0;
        synchronized (subjectsLock) {
            for (int i = 0; i < size; i++) {
                if ((!firstTokenLiteral || firstTokenHashes[i] == patternHash) && Subjects.matches(pattern, subjects[i])) {
                    patchEntry(subjects[i], interest, added);
                }
            }
        }
    }

    private void patchEntry(String subject, Interest interest, boolean added) {
        MatchResult<T> result = results.get(subject);
        if (result != null) {
            results.put(subject, added ? result.withInterest(interest) : result.withoutInterest(interest));
        }
    }

    /** Caller holds subjectsLock. Two passes at most: the first may only clear marks. */
    private void sweep() {
        for (int pass = 0; pass < 2 && size > sweepTarget; pass++) {
            for (int i = 0; i < size && size > sweepTarget; ) {
                MatchResult<T> result = results.get(subjects[i]);
                if (result.matchedSinceSweep) {
                    result.matchedSinceSweep = false;
                    i++;
                } else {
                    results.remove(subjects[i]);
                    size--;
                    subjects[i] = subjects[size];
                    firstTokenHashes[i] = firstTokenHashes[size];
                    subjects[size] = null;
                }
            }
        }
    }

    private static int firstTokenHash(String subject) {
        return SubjectNode.hashToken(subject, 0, Subjects.tokenEnd(subject, 0));
    }
}
