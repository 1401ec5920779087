package io.jnatsd.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A loop polls without sleeping for the spin window after work, then blocks; an idle loop never spins. */
class SpinningSelectStrategyTest {
    private static final long WINDOW_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger readyEvents = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private final SpinningSelectStrategy strategy = new SpinningSelectStrategy(WINDOW_NANOS, clock::get);

    private int next(boolean hasTasks) throws Exception {
        return strategy.calculateStrategy(() -> {
            polls.incrementAndGet();
            return readyEvents.get();
        }, hasTasks);
    }

    @Test
    void anIdleLoopBlocksAtOnce() throws Exception {
        assertThat(next(false)).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void readyEventsAreHandledAndStartTheWindow() throws Exception {
        readyEvents.set(2);
        assertThat(next(false)).isEqualTo(2);
        readyEvents.set(0);
        clock.addAndGet(WINDOW_NANOS - 1);
        assertThat(next(false)).isEqualTo(SelectStrategy.CONTINUE);
        clock.addAndGet(1);
        assertThat(next(false)).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void queuedTasksRunAtOnceAndCountAsWork() throws Exception {
        assertThat(next(true)).isZero();
        clock.addAndGet(WINDOW_NANOS / 2);
        assertThat(next(false)).isEqualTo(SelectStrategy.CONTINUE);
    }

    @Test
    void everyDecisionPollsOnceWithoutBlocking() throws Exception {
        next(false);
        next(true);
        assertThat(polls.get()).isEqualTo(2);
    }
}
