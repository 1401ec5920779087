package io.jnatsd.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;

/**
 * The interests of one account by subject: a token trie with separate {@code *} and {@code >}
 * children, in front of which sits a bounded cache of match results per literal subject.
 *
 * <h2>Concurrency</h2>
 * {@link #match} runs on every event-loop thread at once; {@link #insert} and {@link #remove} come
 * from any thread. The design and its one hazard:
 * <ul>
 *   <li><b>Cache hit</b>: a {@code ConcurrentHashMap} lookup, no lock, no allocation (one
 *       {@link LongAdder} increment for the statistics). The result is an immutable snapshot.</li>
 *   <li><b>Cache miss</b>: walks the trie and stores the result in the cache under the read lock of
 *       a {@link StampedLock}, so misses on different threads walk together; only the store itself
 *       takes the cache's short mutex (see {@link MatchCache}).</li>
 *   <li><b>Insert / remove</b>: under the write lock, change the trie, patch the cached results the
 *       interest matches, and only then move the generation. Because cache fills happen under the
 *       read lock, a result computed before a mutation cannot land in the cache after it.</li>
 *   <li><b>Hazard</b>: a match that runs concurrently with a mutation may return the result from
 *       just before it. Delivery tolerates this (nats-server has the same window); a caller that
 *       must not miss its own new interest calls {@code match} after {@code insert} returns, which
 *       is ordered by the lock and the cache's volatile writes.</li>
 *   <li><b>Private caches</b>: a connection may keep results keyed by subject and drop them when
 *       {@link #generation()} moves. Read the generation <i>before</i> calling {@code match}: the
 *       generation moves after the shared cache is patched, so a result obtained after reading
 *       generation g is at least as new as g.</li>
 * </ul>
 * Callbacks ({@link #forEach}) run outside the lock on a snapshot, so they may call back into the index.
 *
 * <h2>Memory</h2>
 * Removing interest prunes nodes left without interests or children, and literal child tables
 * shrink, so churn does not leak. See {@link SubjectNode} and {@link LiteralChildTable} for the
 * per-node layout (measured: about 160 bytes per interest for a million {@code foo.<n>.bar}, the
 * interest itself aside).
 */
public final class SubjectIndex<T extends Interest> {

    /** As nats-server: enough for the hot subjects of one account. */
    public static final int DEFAULT_CACHE_CAPACITY = 1024;

    private final SubjectNode root = SubjectNode.root();
    private final StampedLock lock = new StampedLock();
    private final MatchCache<T> cache;
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();

    private volatile long generation;
    private volatile int count;
    /** Written under the write lock, read under the read lock. */
    private long inserts;
    private long removes;

    public SubjectIndex() {
        this(DEFAULT_CACHE_CAPACITY);
    }

    /** @param cacheCapacity literal subjects whose results are cached; 0 disables the cache */
    public SubjectIndex(int cacheCapacity) {
        this.cache = new MatchCache<>(cacheCapacity);
    }

    /**
     * Stores an interest; storing the same instance twice stores it twice.
     *
     * @throws IllegalArgumentException if the subject or queue name is not valid
     */
    public void insert(T interest) {
        String subject = interest.subject();
        if (!Subjects.isValidSubject(subject)) {
            throw new IllegalArgumentException("invalid subject: " + subject);
        }
        if (interest.queue() != null && !Subjects.isValidQueueName(interest.queue())) {
            throw new IllegalArgumentException("invalid queue name: " + interest.queue());
        }
        long stamp = lock.writeLock();
        try {
            SubjectNode node = root;
            for (int start = 0; start <= subject.length(); ) {
                int end = Subjects.tokenEnd(subject, start);
                node = node.patternChildOrCreate(subject, start, end);
                start = end + 1;
            }
            node.addInterest(interest);
            count++;
            inserts++;
            cache.interestAdded(interest);
            generation++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes one stored occurrence of this instance; false if it was not stored. */
    public boolean remove(T interest) {
        String subject = interest.subject();
        if (!Subjects.isValidSubject(subject)) {
            return false;
        }
        long stamp = lock.writeLock();
        try {
            if (!removeBelow(root, interest, subject, 0)) {
                return false;
            }
            count--;
            removes++;
            cache.interestRemoved(interest);
            generation++;
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes the interest from the subtree and prunes the nodes it leaves empty on the way back up. */
    private static boolean removeBelow(SubjectNode node, Interest interest, String subject, int start) {
        if (start > subject.length()) {
            return node.removeInterest(interest);
        }
        int end = Subjects.tokenEnd(subject, start);
        SubjectNode child = node.patternChild(subject, start, end);
        if (child == null || !removeBelow(child, interest, subject, end + 1)) {
            return false;
        }
        if (child.isEmpty()) {
            node.unlinkChild(child);
        }
        return true;
    }

    /**
     * The interests matching a literal subject. Tokens of the subject are taken literally (a
     * non-pedantic {@code PUB foo.*} reaches {@code foo.*} and {@code foo.>}); a subject with an
     * empty token matches nothing and is not cached.
     */
    public MatchResult<T> match(String literalSubject) {
        MatchResult<T> cached = cache.get(literalSubject);
        if (cached != null) {
            cacheHits.increment();
            return cached;
        }
        cacheMisses.increment();
        if (!Subjects.hasOnlyNonEmptyTokens(literalSubject)) {
            return MatchResult.empty();
        }
        long stamp = lock.readLock();
        try {
            MatchCollector collector = new MatchCollector();
            collect(root, literalSubject, 0, collector);
            MatchResult<T> result = collector.toResult();
            cache.put(literalSubject, result);
            return result;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The interests matching a literal subject as one list, bypassing cache and statistics (for /subsz?test=). */
    public List<T> collectMatching(String literalSubject) {
        if (!Subjects.hasOnlyNonEmptyTokens(literalSubject)) {
            return new ArrayList<>();
        }
        MatchCollector collector = new MatchCollector();
        long stamp = lock.readLock();
        try {
            collect(root, literalSubject, 0, collector);
        } finally {
            lock.unlockRead(stamp);
        }
        return collector.toList();
    }

    /** Adds the interests of every node reached from {@code node} by the tokens from {@code start} on. */
    private static void collect(SubjectNode node, String subject, int start, MatchCollector collector) {
        if (start > subject.length()) {
            node.collectInterests(collector);
            return;
        }
        int end = Subjects.tokenEnd(subject, start);
        SubjectNode fullWildcard = node.fullWildcardChild();
        if (fullWildcard != null) {
            fullWildcard.collectInterests(collector);
        }
        SubjectNode singleWildcard = node.singleWildcardChild();
        if (singleWildcard != null) {
            collect(singleWildcard, subject, end + 1, collector);
        }
        SubjectNode literal = node.literalChild(subject, start, end);
        if (literal != null) {
            collect(literal, subject, end + 1, collector);
        }
    }

    /** Moves on every insert and successful remove, after the change is visible to {@link #match}. */
    public long generation() {
        return generation;
    }

    public int count() {
        return count;
    }

    /** Runs the action on a snapshot of all stored interests, outside the lock. */
    @SuppressWarnings("unchecked")
    public void forEach(Consumer<T> action) {
        List<T> snapshot = new ArrayList<>(count);
        long stamp = lock.readLock();
        try {
            forEachBelow(root, interest -> snapshot.add((T) interest));
        } finally {
            lock.unlockRead(stamp);
        }
        snapshot.forEach(action);
    }

    private static void forEachBelow(SubjectNode node, Consumer<Interest> action) {
        node.forEachInterest(action);
        node.forEachChild(child -> forEachBelow(child, action));
    }

    public SubjectIndexStats stats() {
        long stamp = lock.readLock();
        try {
            long hits = cacheHits.sum();
            return new SubjectIndexStats(count, cache.size(), inserts, removes,
                    hits + cacheMisses.sum(), hits, cache.totalFanout(), cache.maxFanout());
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Trie nodes including the root; for tests that check pruning. */
    int nodeCount() {
        long stamp = lock.readLock();
        try {
            int[] nodes = {0};
            countBelow(root, nodes);
            return nodes[0];
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private static void countBelow(SubjectNode node, int[] nodes) {
        nodes[0]++;
        node.forEachChild(child -> countBelow(child, nodes));
    }
}
