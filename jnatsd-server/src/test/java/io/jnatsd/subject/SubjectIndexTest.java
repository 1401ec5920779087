package io.jnatsd.subject;

import static io.jnatsd.subject.TestInterest.plain;
import static io.jnatsd.subject.TestInterest.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SubjectIndexTest {

    /** Matches twice when the cache is on, so the second answer comes from the cache. */
    private static MatchedInterests matched(SubjectIndex<TestInterest> index, String subject) {
        MatchedInterests first = MatchedInterests.of(index.match(subject));
        MatchedInterests second = MatchedInterests.of(index.match(subject));
        assertThat(second).isEqualTo(first);
        return first;
    }

    private static Map<Interest, Integer> once(Interest... interests) {
        Map<Interest, Integer> counts = new HashMap<>();
        for (Interest interest : interests) {
            counts.merge(interest, 1, Integer::sum);
        }
        return counts;
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void literalInterestMatchesOnlyItsOwnSubject(CacheMode mode) {
        SubjectIndex<TestInterest> index = mode.newIndex();
        TestInterest fooBar = plain("foo.bar");
        index.insert(fooBar);

        assertThat(matched(index, "foo.bar").plain()).isEqualTo(once(fooBar));
        assertThat(index.match("foo").isEmpty()).isTrue();
        assertThat(index.match("foo.bar.baz").isEmpty()).isTrue();
        assertThat(index.match("foo.baz").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void singleWildcardMatchesExactlyOneTokenAndFullWildcardOneOrMore(CacheMode mode) {
        SubjectIndex<TestInterest> index = mode.newIndex();
        TestInterest star = plain("foo.*");
        TestInterest full = plain("foo.>");
        index.insert(star);
        index.insert(full);

        assertThat(matched(index, "foo").plain()).isEmpty();
        assertThat(matched(index, "foo.bar").plain()).isEqualTo(once(star, full));
        assertThat(matched(index, "foo.bar.baz").plain()).isEqualTo(once(full));
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void everyMatchingPatternContributes(CacheMode mode) {
        SubjectIndex<TestInterest> index = mode.newIndex();
        List<TestInterest> all = new ArrayList<>();
        for (String pattern : List.of("foo.bar", "foo.*", "foo.>", "*.bar", "*.*", ">", "*.>")) {
            TestInterest interest = plain(pattern);
            all.add(interest);
            index.insert(interest);
        }
        index.insert(plain("foo.baz"));
        index.insert(plain("foo.bar.baz"));
        index.insert(plain("*"));

        assertThat(matched(index, "foo.bar").plain()).isEqualTo(once(all.toArray(new Interest[0])));
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void queueMembersAreGroupedByNameWhicheverPatternMatched(CacheMode mode) {
        SubjectIndex<TestInterest> index = mode.newIndex();
        TestInterest literal = queue("orders.new", "workers");
        TestInterest star = queue("orders.*", "workers");
        TestInterest full = queue("orders.>", "workers");
        TestInterest auditor = queue("orders.>", "auditors");
        TestInterest listener = plain("orders.*");
        for (TestInterest interest : List.of(literal, star, full, auditor, listener)) {
            index.insert(interest);
        }

        MatchedInterests result = matched(index, "orders.new");

        assertThat(result.plain()).isEqualTo(once(listener));
        assertThat(result.queueGroups()).isEqualTo(Map.of(
                "workers", once(literal, star, full),
                "auditors", once(auditor)));
        assertThat(matched(index, "orders.old").queueGroups()).isEqualTo(Map.of(
                "workers", once(star, full),
                "auditors", once(auditor)));
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void removalIsByIdentityAndVisibleToTheNextMatch(CacheMode mode) {
        SubjectIndex<TestInterest> index = mode.newIndex();
        TestInterest first = plain("foo");
        TestInterest twin = plain("foo");
        index.insert(first);
        index.insert(twin);
        assertThat(matched(index, "foo").plain()).isEqualTo(once(first, twin));

        assertThat(index.remove(first)).isTrue();
        assertThat(index.remove(first)).isFalse();

        assertThat(matched(index, "foo").plain()).isEqualTo(once(twin));
        assertThat(index.remove(twin)).isTrue();
        assertThat(index.match("foo").isEmpty()).isTrue();
        assertThat(index.count()).isZero();
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void removingTheLastQueueMemberRemovesTheGroup(CacheMode mode) {
        SubjectIndex<TestInterest> index = mode.newIndex();
        TestInterest a = queue("work.*", "q");
        TestInterest b = queue("work.>", "q");
        index.insert(a);
        index.insert(b);
        assertThat(matched(index, "work.1").queueGroups()).isEqualTo(Map.of("q", once(a, b)));

        index.remove(b);
        assertThat(matched(index, "work.1").queueGroups()).isEqualTo(Map.of("q", once(a)));
        index.remove(a);
        assertThat(index.match("work.1").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void anInstanceInsertedTwiceIsStoredTwice(CacheMode mode) {
        SubjectIndex<TestInterest> index = mode.newIndex();
        TestInterest interest = plain("foo.*");
        index.insert(interest);
        index.insert(interest);

        assertThat(matched(index, "foo.x").plain()).isEqualTo(Map.of(interest, 2));
        assertThat(index.count()).isEqualTo(2);
        index.remove(interest);
        assertThat(matched(index, "foo.x").plain()).isEqualTo(Map.of(interest, 1));
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void publishedWildcardsAreLiteralTokens(CacheMode mode) {
        SubjectIndex<TestInterest> index = mode.newIndex();
        TestInterest full = plain("foo.>");
        TestInterest star = plain("foo.*");
        TestInterest literal = plain("foo.bar");
        TestInterest embedded = plain("a*b");
        for (TestInterest interest : List.of(full, star, literal, embedded)) {
            index.insert(interest);
        }

        assertThat(matched(index, "foo.>").plain()).isEqualTo(once(full, star));
        assertThat(matched(index, "foo.*").plain()).isEqualTo(once(full, star));
        assertThat(matched(index, "a*b").plain()).isEqualTo(once(embedded));
        assertThat(index.match("axb").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void subjectsWithEmptyTokensMatchNothing(CacheMode mode) {
        SubjectIndex<TestInterest> index = mode.newIndex();
        index.insert(plain(">"));
        index.insert(plain("foo.>"));

        for (String subject : List.of("foo..a", ".foo", "foo.", "", ".")) {
            assertThat(index.match(subject).isEmpty()).as(subject).isTrue();
        }
        assertThat(index.stats().numCache()).isZero();
    }

    @Test
    void invalidSubjectsAndQueueNamesAreRefused() {
        SubjectIndex<TestInterest> index = new SubjectIndex<>();
        for (String subject : List.of("", "foo..bar", "foo.>.bar", "foo bar", ".foo")) {
            assertThatThrownBy(() -> index.insert(plain(subject))).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> index.insert(queue("foo", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.insert(queue("foo", "a b"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(index.count()).isZero();
        assertThat(index.remove(plain("foo..bar"))).isFalse();
    }

    @Test
    void generationMovesOnEveryChangeAndOnlyThen() {
        SubjectIndex<TestInterest> index = new SubjectIndex<>();
        TestInterest interest = plain("foo");
        long start = index.generation();

        index.insert(interest);
        long afterInsert = index.generation();
        index.match("foo");
        index.remove(plain("foo"));
        assertThat(index.generation()).isEqualTo(afterInsert).isGreaterThan(start);

        index.remove(interest);
        assertThat(index.generation()).isGreaterThan(afterInsert);
    }

    @Test
    void forEachAndCollectMatchingSeeEverythingStored() {
        SubjectIndex<TestInterest> index = new SubjectIndex<>();
        List<TestInterest> stored = List.of(plain("a"), plain("a.b"), plain("a.*"), queue("a.>", "q"), plain(">"), queue("b", "q"));
        stored.forEach(index::insert);

        List<TestInterest> seen = new ArrayList<>();
        index.forEach(seen::add);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(index.collectMatching("a.b"))
                .containsExactlyInAnyOrder(stored.get(1), stored.get(2), stored.get(3), stored.get(4));
        assertThat(index.collectMatching("a..b")).isEmpty();
        assertThat(index.stats().numMatches()).isZero();
    }

    @Test
    void forEachMayChangeTheIndexFromItsCallback() {
        SubjectIndex<TestInterest> index = new SubjectIndex<>();
        index.insert(plain("a"));
        index.insert(plain("b"));

        index.forEach(index::remove);

        assertThat(index.count()).isZero();
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void removingInterestPrunesTheNodesItLeavesEmpty(CacheMode mode) {
        SubjectIndex<TestInterest> index = mode.newIndex();
        List<TestInterest> interests = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            interests.add(plain("foo." + i + ".bar"));
            interests.add(queue("foo.*." + i, "q" + (i % 3)));
            interests.add(plain("foo." + i + ".>"));
        }
        interests.forEach(index::insert);
        index.match("foo.7.bar");

        interests.forEach(index::remove);

        assertThat(index.nodeCount()).isEqualTo(1);
        assertThat(index.count()).isZero();
        assertThat(index.match("foo.7.bar").isEmpty()).isTrue();
    }

    @Test
    void aCacheHitReturnsTheSameSnapshot() {
        SubjectIndex<TestInterest> index = new SubjectIndex<>();
        index.insert(plain("foo.*"));

        MatchResult<TestInterest> first = index.match("foo.bar");

        assertThat(index.match("foo.bar")).isSameAs(first);
    }

    @Test
    void aCacheHitAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SubjectIndex<TestInterest> index = new SubjectIndex<>();
        index.insert(plain("foo.*"));
        index.insert(queue("foo.>", "q"));
        String[] subjects = {"foo.a", "foo.b", "foo.c", "foo.d"};
        long delivered = 0;
        for (String subject : subjects) {
            index.match(subject);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            MatchResult<TestInterest> result = index.match(subjects[i & 3]);
            delivered += result.plainCount() + result.queueGroup(0).size();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(delivered).isEqualTo(200_000);
        assertThat(allocated).as("bytes allocated by 100,000 cache hits").isLessThan(1024);
    }

    @Test
    void changesElsewhereLeaveCachedResultsAlone() {
        SubjectIndex<TestInterest> index = new SubjectIndex<>();
        index.insert(plain("orders.*"));
        MatchResult<TestInterest> orders = index.match("orders.new");

        index.insert(plain("_INBOX.abc"));
        index.insert(plain("_INBOX.def.*"));
        index.remove(index.collectMatching("_INBOX.abc").get(0));

        assertThat(index.match("orders.new")).isSameAs(orders);
    }

    @Test
    void theCacheStaysBoundedAndKeepsSubjectsThatAreMatchedAgain() {
        SubjectIndex<TestInterest> index = new SubjectIndex<>(64);
        index.insert(plain(">"));
        index.match("hot");
        index.match("hot");
        for (int i = 0; i < 10_000; i++) {
            index.match("cold." + i);
            index.match("hot");
            assertThat(index.stats().numCache()).isLessThanOrEqualTo(64);
        }

        long hitsBefore = index.stats().cacheHits();
        index.match("hot");
        assertThat(index.stats().cacheHits()).isEqualTo(hitsBefore + 1);
    }

    @Test
    void statisticsCountAsSubszReportsThem() {
        SubjectIndex<TestInterest> index = new SubjectIndex<>();
        TestInterest a = plain("foo.*");
        index.insert(a);
        index.insert(plain("foo.bar"));
        index.insert(queue("foo.>", "q"));
        index.insert(queue("foo.>", "q"));
        index.remove(a);
        index.remove(a);

        index.match("foo.bar");
        index.match("foo.bar");
        index.match("foo.baz");
        index.match("foo.baz");
        SubjectIndexStats stats = index.stats();

        assertThat(stats.numSubscriptions()).isEqualTo(3);
        assertThat(stats.numInserts()).isEqualTo(4);
        assertThat(stats.numRemoves()).isEqualTo(1);
        assertThat(stats.numMatches()).isEqualTo(4);
        assertThat(stats.numCache()).isEqualTo(2);
        assertThat(stats.cacheHitRate()).isEqualTo(0.5);
        assertThat(stats.maxFanout()).isEqualTo(2);
        assertThat(stats.avgFanout()).isEqualTo(1.5);
        SubjectIndexStats doubled = stats.plus(stats);
        assertThat(doubled.cacheHitRate()).isEqualTo(0.5);
        assertThat(doubled.avgFanout()).isEqualTo(1.5);
        assertThat(doubled.numMatches()).isEqualTo(8);
    }
}
