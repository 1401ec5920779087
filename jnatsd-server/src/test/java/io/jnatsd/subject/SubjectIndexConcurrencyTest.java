package io.jnatsd.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Matchers and mutators on several threads for a bounded time. While they run, every result must
 * be plausible (only matching interests, the never-removed interests always there); once the
 * mutators have stopped, every subject must match exactly what is stored.
 */
class SubjectIndexConcurrencyTest {

    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(600);
    private static final int MAX_ITERATIONS = 2_000_000;
    private static final String[] SUBJECTS = subjects();

    private static String[] subjects() {
        List<String> subjects = new ArrayList<>();
        for (String first : new String[] {"stable", "orders", "inbox"}) {
            for (int second = 0; second < 8; second++) {
                subjects.add(first + "." + second);
                subjects.add(first + "." + second + ".x");
            }
        }
        return subjects.toArray(new String[0]);
    }

    @ParameterizedTest
    @EnumSource(CacheMode.class)
    void matchersSeeConsistentResultsWhileMutatorsChurn(CacheMode mode) throws InterruptedException {
        SubjectIndex<TestInterest> index = mode.newIndex();
        TestInterest stablePlain = TestInterest.plain("stable.*");
        TestInterest stableQueue = TestInterest.queue("stable.>", "q");
        index.insert(stablePlain);
        index.insert(stableQueue);

        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<List<TestInterest>> storedByMutator = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int m = 0; m < 2; m++) {
            List<TestInterest> stored = new ArrayList<>();
            storedByMutator.add(stored);
            threads.add(new Thread(guarded(failures, start, () -> mutate(index, stored)), "mutator-" + m));
        }
        for (int m = 0; m < 3; m++) {
            threads.add(new Thread(guarded(failures, start, () -> matchAndCheck(index, stablePlain, stableQueue)), "matcher-" + m));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
        }

        assertThat(failures).isEmpty();
        List<TestInterest> stored = new ArrayList<>(List.of(stablePlain, stableQueue));
        storedByMutator.forEach(stored::addAll);
        assertThat(index.count()).isEqualTo(stored.size());
        for (String subject : SUBJECTS) {
            assertThat(MatchedInterests.of(index.match(subject))).as(subject)
                    .isEqualTo(MatchedInterests.naive(stored, subject));
        }
    }

    private static Runnable guarded(Queue<Throwable> failures, CountDownLatch start, Runnable work) {
        return () -> {
            try {
                start.await();
                work.run();
            } catch (Throwable failure) {
                failures.add(failure);
            }
        };
    }

    private static void mutate(SubjectIndex<TestInterest> index, List<TestInterest> stored) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long deadline = System.nanoTime() + RUN_NANOS;
        for (int i = 0; i < MAX_ITERATIONS && System.nanoTime() < deadline; i++) {
            if (stored.size() < 50 && random.nextBoolean() || stored.isEmpty()) {
                String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
                String pattern = switch (random.nextInt(3)) {
                    case 0 -> subject;
                    case 1 -> subject.substring(0, subject.indexOf('.')) + ".*";
                    default -> subject.substring(0, subject.indexOf('.')) + ".>";
                };
                TestInterest interest = new TestInterest("m" + i, pattern, random.nextBoolean() ? null : "q");
                index.insert(interest);
                stored.add(interest);
            } else if (!index.remove(stored.remove(random.nextInt(stored.size())))) {
                throw new AssertionError("a stored interest could not be removed");
            }
        }
    }

    private static void matchAndCheck(SubjectIndex<TestInterest> index, TestInterest stablePlain, TestInterest stableQueue) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long deadline = System.nanoTime() + RUN_NANOS;
        for (int i = 0; i < MAX_ITERATIONS && System.nanoTime() < deadline; i++) {
            String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
            MatchedInterests result = MatchedInterests.of(index.match(subject));
            result.plain().keySet().forEach(interest -> assertMatches(interest, subject));
            result.queueGroups().values().forEach(members -> members.keySet().forEach(interest -> assertMatches(interest, subject)));
            if (Subjects.matches(stablePlain.subject(), subject) && !result.plain().containsKey(stablePlain)) {
                throw new AssertionError("lost never-removed " + stablePlain + " for " + subject);
            }
            if (subject.startsWith("stable.") && !result.queueGroups().getOrDefault("q", Map.of()).containsKey(stableQueue)) {
                throw new AssertionError("lost never-removed " + stableQueue + " for " + subject);
            }
        }
    }

    private static void assertMatches(Interest interest, String subject) {
        if (!Subjects.matches(interest.subject(), subject)) {
            throw new AssertionError(interest + " returned for " + subject);
        }
    }
}
