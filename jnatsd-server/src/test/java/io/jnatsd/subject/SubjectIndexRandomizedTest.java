package io.jnatsd.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SubjectIndex.match against a list scan with Subjects.matches, over random interest and churn. */
class SubjectIndexRandomizedTest {

    private static final String[] TOKENS = {"a", "b", "c", "d", "x*y", "ab"};
    private static final String[] QUEUES = {null, null, null, "q1", "q2", "q.3"};
    private static final int OPERATIONS = 4_000;

    static Stream<Arguments> cacheModesAndSeeds() {
        return Stream.of(CacheMode.values())
                .flatMap(mode -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(mode, seed)));
    }

    @ParameterizedTest(name = "{0} cache, seed {1}")
    @MethodSource("cacheModesAndSeeds")
    void matchAgreesWithAListScanThroughInsertsAndRemoves(CacheMode mode, long seed) {
        Random random = new Random(seed);
        SubjectIndex<TestInterest> index = mode.newIndex();
        List<TestInterest> stored = new ArrayList<>();

        for (int operation = 0; operation < OPERATIONS; operation++) {
            int dice = random.nextInt(100);
            if (dice < 40) {
                TestInterest interest = dice < 3 && !stored.isEmpty()
                        ? stored.get(random.nextInt(stored.size()))
                        : new TestInterest("i" + operation, randomPattern(random), QUEUES[random.nextInt(QUEUES.length)]);
                index.insert(interest);
                stored.add(interest);
            } else if (dice < 65) {
                removeOne(random, index, stored);
            } else {
                String subject = randomSubject(random);
                assertThat(MatchedInterests.of(index.match(subject)))
                        .as("match %s after %d operations", subject, operation)
                        .isEqualTo(MatchedInterests.naive(stored, subject));
            }
            assertThat(index.count()).isEqualTo(stored.size());
        }

        String subject = randomSubject(random);
        assertThat(index.collectMatching(subject))
                .containsExactlyInAnyOrderElementsOf(stored.stream().filter(i -> Subjects.matches(i.subject(), subject)).toList());
        List<TestInterest> all = new ArrayList<>();
        index.forEach(all::add);
        assertThat(all).containsExactlyInAnyOrderElementsOf(stored);
    }

    private static void removeOne(Random random, SubjectIndex<TestInterest> index, List<TestInterest> stored) {
        if (stored.isEmpty() || random.nextInt(10) == 0) {
            assertThat(index.remove(new TestInterest("never stored", randomPattern(random), null))).isFalse();
            return;
        }
        TestInterest interest = stored.remove(random.nextInt(stored.size()));
        assertThat(index.remove(interest)).isTrue();
    }

    /** 1 to 4 tokens, literal wildcards included now and then (a non-pedantic PUB). */
    private static String randomSubject(Random random) {
        StringBuilder subject = new StringBuilder();
        int tokens = 1 + random.nextInt(4);
        for (int i = 0; i < tokens; i++) {
            if (i > 0) {
                subject.append('.');
            }
            int pick = random.nextInt(TOKENS.length + 1);
            subject.append(pick == TOKENS.length ? (random.nextBoolean() ? "*" : ">") : TOKENS[pick]);
        }
        return subject.toString();
    }

    private static String randomPattern(Random random) {
        StringBuilder pattern = new StringBuilder();
        int tokens = 1 + random.nextInt(4);
        for (int i = 0; i < tokens; i++) {
            if (i > 0) {
                pattern.append('.');
            }
            if (i == tokens - 1 && random.nextInt(5) == 0) {
                pattern.append('>');
            } else if (random.nextInt(4) == 0) {
                pattern.append('*');
            } else {
                pattern.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return pattern.toString();
    }
}
