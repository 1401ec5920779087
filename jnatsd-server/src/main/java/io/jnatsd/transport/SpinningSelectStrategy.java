package io.jnatsd.transport;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps an event loop polling, without sleeping, for a short while after it last had work, as
 * nats-server's scheduler keeps a thread spinning before it parks. A loop that sleeps in
 * {@code epoll_wait} must be woken for the next socket event or for a flush another loop hands it
 * (an eventfd write and a thread wake-up, about 10 us each on a 2-core VM, two of each per
 * request/reply round trip between connections on different loops); a loop still polling takes
 * the event at once, and a loop handing it work skips the eventfd write.
 *
 * <p>Hazard: spinning burns the core it runs on. The window is bounded and starts again only
 * after real work, so an idle server does not spin, but on a machine whose cores are shared with
 * the clients a spinning loop takes CPU they need. Off unless {@code -Djnatsd.loopSpinMicros} is
 * set (see docs/PERFORMANCE.md, "Request/reply and interest latency (session 4)").
 *
 * <p>One instance per loop, called only on that loop's thread.
 */
final class SpinningSelectStrategy implements SelectStrategy {
    private final long spinNanos;
    private final LongSupplier nanoClock;
    private long lastWorkNanos;

    SpinningSelectStrategy(long spinNanos, LongSupplier nanoClock) {
        this.spinNanos = spinNanos;
        this.nanoClock = nanoClock;
        this.lastWorkNanos = nanoClock.getAsLong() - spinNanos;
    }

    /**
     * Polls once without blocking. Ready events or queued tasks are work: they are handled now and
     * the window starts again. Otherwise the loop polls again while the window lasts, then blocks.
     */
    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        int ready = selectNow.get();
        long now = nanoClock.getAsLong();
        if (ready > 0 || hasTasks) {
            lastWorkNanos = now;
            return ready;
        }
        return now - lastWorkNanos < spinNanos ? SelectStrategy.CONTINUE : SelectStrategy.SELECT;
    }
}
