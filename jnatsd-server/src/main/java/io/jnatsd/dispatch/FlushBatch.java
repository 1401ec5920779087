package io.jnatsd.dispatch;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;

/**
 * The connections one read batch wrote to. One per event-loop thread: deliveries add their
 * target once, and when the reading connection's batch ends ({@code channelReadComplete}) every
 * target is flushed once, so a burst of small messages leaves as a few large writes.
 */
public final class FlushBatch {
    private static final FastThreadLocal<FlushBatch> CURRENT = new FastThreadLocal<>() {
        @Override
        protected FlushBatch initialValue() {
            return new FlushBatch();
        }
    };

    private Flushable[] targets = new Flushable[16];
    private int size;
    private Flushable stallTarget;

    /** The batch of the calling thread. */
    public static FlushBatch current() {
        return CURRENT.get();
    }

    public void add(Flushable target) {
        if (target.queueFlush()) {
            if (size == targets.length) {
                targets = Arrays.copyOf(targets, size * 2);
            }
            targets[size++] = target;
        }
    }

    /**
     * A target of this batch is close to its max_pending: the connection whose read this is should
     * pause reading for a moment, as nats-server stalls fast producers, so that a consumer that
     * does read gets the chance to catch up instead of being cut off as slow.
     */
    public void requestProducerStall(Flushable backlogged) {
        stallTarget = backlogged;
    }

    /** Whether a stall was requested since the last {@link #takeProducerStall}. */
    public boolean producerStallRequested() {
        return stallTarget != null;
    }

    /** The connection a stall was requested for since the last call, or null; clears the request. */
    public Flushable takeProducerStall() {
        Flushable requested = stallTarget;
        stallTarget = null;
        return requested;
    }

    /**
     * Flushes every target once, those of other loops first: each of those flushes is a task
     * that may have to wake its sleeping loop, and a loop woken before this one makes its own
     * socket writes runs on the other core meanwhile instead of after them (a message's
     * latency across a route or to a subscriber on the other loop was the writes of this loop
     * plus the wake-up; now it is the larger of the two).
     */
    public void flush() {
        for (int i = 0; i < size; i++) {
            Flushable target = targets[i];
            if (!target.flushesInline()) {
                targets[i] = null;
                target.flushQueued();
            }
        }
        for (int i = 0; i < size; i++) {
            Flushable target = targets[i];
            if (target != null) {
                targets[i] = null;
                target.flushQueued();
            }
        }
        size = 0;
    }
}
