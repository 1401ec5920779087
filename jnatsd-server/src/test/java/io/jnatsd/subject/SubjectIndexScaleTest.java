package io.jnatsd.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A million interests: insert, match, remove, and what they cost in heap. */
class SubjectIndexScaleTest {

    private static final int INTERESTS = 1_000_000;

    @Test
    void aMillionDistinctSubjectsAreIndexedMatchedAndFullyRemoved() {
        List<TestInterest> interests = new ArrayList<>(INTERESTS);
        for (int i = 0; i < INTERESTS; i++) {
            String subject = "foo." + i + ".bar";
            interests.add(new TestInterest(subject, subject, null));
        }
        SubjectIndex<TestInterest> index = new SubjectIndex<>();
        long before = usedHeapAfterGc();

        long insertStart = System.nanoTime();
        interests.forEach(index::insert);
        long insertNanos = System.nanoTime() - insertStart;
        long bytesPerInterest = (usedHeapAfterGc() - before) / INTERESTS;

        assertThat(index.count()).isEqualTo(INTERESTS);
        for (int i = 0; i < INTERESTS; i += 9_973) {
            MatchResult<TestInterest> result = index.match("foo." + i + ".bar");
            assertThat(result.plainCount()).isEqualTo(1);
            assertThat(result.plain(0)).isSameAs(interests.get(i));
        }
        assertThat(index.match("foo." + INTERESTS + ".bar").isEmpty()).isTrue();

        long removeStart = System.nanoTime();
        int removed = 0;
        for (TestInterest interest : interests) {
            removed += index.remove(interest) ? 1 : 0;
        }
        long removeNanos = System.nanoTime() - removeStart;
        long leftAfterRemoval = usedHeapAfterGc() - before;
        Reference.reachabilityFence(interests);

        System.out.printf("1M interests foo.<n>.bar: %d bytes per interest in the index (interest objects excluded), "
                        + "insert %d ns each, remove %d ns each, %d bytes left after removing all%n",
                bytesPerInterest, insertNanos / INTERESTS, removeNanos / INTERESTS, leftAfterRemoval);
        assertThat(removed).isEqualTo(INTERESTS);
        assertThat(bytesPerInterest).isLessThan(300);
        assertThat(index.nodeCount()).isEqualTo(1);
        assertThat(index.count()).isZero();
        assertThat(leftAfterRemoval).as("heap left after removing all").isLessThan(16L << 20);
    }

    /** Collects until the used heap stops shrinking (a single System.gc() sometimes leaves tens of MB). */
    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now > used - (1L << 20)) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
