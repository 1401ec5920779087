package io.jnatsd.bench.jmh;

import io.jnatsd.subject.Interest;
import io.jnatsd.subject.MatchResult;
import io.jnatsd.subject.SubjectIndex;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The subject index on the message path and under interest churn.
 *
 * <p>Population (as a service mesh might look): 10,000 literal {@code svc.<n>.req}, 1,000
 * {@code svc.<n>.*}, a queue group of 4 on {@code svc.*.req} and one {@code svc.>} monitor, so a
 * hot subject fans out to 3 or 4 receivers. Baselines: {@code matchUncached} is the trie walk that
 * a cache hit saves; the churn benchmarks show what keeping the cache correct costs a mutation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SubjectIndexBenchmark {

    private static final int LITERALS = 10_000;
    private static final int WILDCARDS = 1_000;
    private static final int HOT_SUBJECTS = 512;
    private static final int CHURN_INTERESTS = 1_024;

    /** Identity is what the index compares; a record keeps the benchmark short. */
    record BenchInterest(String subject, String queue) implements Interest {
    }

    private final SubjectIndex<BenchInterest> cachedIndex = new SubjectIndex<>();
    private final SubjectIndex<BenchInterest> uncachedIndex = new SubjectIndex<>(0);
    private final String[] hotSubjects = new String[HOT_SUBJECTS];
    private final BenchInterest[] literalChurn = new BenchInterest[CHURN_INTERESTS];
    private final BenchInterest[] wildcardChurn = new BenchInterest[CHURN_INTERESTS];

    /** Per-thread position in the subject and churn arrays, so threads do not share a counter. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance(int bound) {
            next = (next + 1) & (bound - 1);
            return next;
        }
    }

    @Setup
    public void populate() {
        for (SubjectIndex<BenchInterest> index : List.of(cachedIndex, uncachedIndex)) {
            for (int i = 0; i < LITERALS; i++) {
                index.insert(new BenchInterest("svc." + i + ".req", null));
            }
            for (int i = 0; i < WILDCARDS; i++) {
                index.insert(new BenchInterest("svc." + i + ".*", null));
            }
            for (int i = 0; i < 4; i++) {
                index.insert(new BenchInterest("svc.*.req", "workers"));
            }
            index.insert(new BenchInterest("svc.>", null));
        }
        for (int i = 0; i < HOT_SUBJECTS; i++) {
            hotSubjects[i] = "svc." + (i * 7) + ".req";
        }
        // Fill the cache to capacity the way traffic would: hot subjects plus a tail of others.
        for (int i = 0; i < 2 * SubjectIndex.DEFAULT_CACHE_CAPACITY; i++) {
            cachedIndex.match("svc." + (LITERALS - i) + ".req");
            for (String hot : hotSubjects) {
                cachedIndex.match(hot);
            }
        }
        for (int i = 0; i < CHURN_INTERESTS; i++) {
            literalChurn[i] = new BenchInterest("_INBOX.churn" + i, null);
            wildcardChurn[i] = new BenchInterest("_INBOX.churn" + i + ".*", null);
        }
    }

    @Benchmark
    public MatchResult<BenchInterest> matchCachedHit(Cursor cursor) {
        return cachedIndex.match(hotSubjects[cursor.advance(HOT_SUBJECTS)]);
    }

    @Benchmark
    public MatchResult<BenchInterest> matchUncached(Cursor cursor) {
        return uncachedIndex.match(hotSubjects[cursor.advance(HOT_SUBJECTS)]);
    }

    /** A literal pattern patches at most its own cache entry. */
    @Benchmark
    public boolean insertRemoveLiteral(Cursor cursor) {
        BenchInterest interest = literalChurn[cursor.advance(CHURN_INTERESTS)];
        cachedIndex.insert(interest);
        return cachedIndex.remove(interest);
    }

    /** A wildcard pattern scans the cache for the entries it matches. */
    @Benchmark
    public boolean insertRemoveWildcard(Cursor cursor) {
        BenchInterest interest = wildcardChurn[cursor.advance(CHURN_INTERESTS)];
        cachedIndex.insert(interest);
        return cachedIndex.remove(interest);
    }

    /** Hot subjects matched on one thread while another makes and drops inboxes, half of them wildcards. */
    @Benchmark
    @Group("matchUnderChurn")
    @GroupThreads(1)
    public MatchResult<BenchInterest> matchWhileChurning(Cursor cursor) {
        return cachedIndex.match(hotSubjects[cursor.advance(HOT_SUBJECTS)]);
    }

    @Benchmark
    @Group("matchUnderChurn")
    @GroupThreads(1)
    public boolean churnWhileMatching(Cursor cursor) {
        int next = cursor.advance(CHURN_INTERESTS);
        BenchInterest interest = (next & 1) == 0 ? literalChurn[next] : wildcardChurn[next];
        cachedIndex.insert(interest);
        return cachedIndex.remove(interest);
    }
}
