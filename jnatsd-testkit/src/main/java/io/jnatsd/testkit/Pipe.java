package io.jnatsd.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One direction of a proxied connection: bytes read from {@code source} wait here until their
 * time (the link's latency) and while the link is stalled, then go to {@code target}. Runs on
 * the connection's event loop only. Reading from the source pauses while the target cannot
 * take more, while stalled, or when a lot is queued, so a slow path pushes back as TCP would.
 */
final class Pipe {
    private static final long MAX_QUEUED_BYTES = 4L << 20;

    private record Delayed(ByteBuf data, long dueNanos) {
    }

    private final Channel source;
    private final Channel target;
    private Link link;
    private final ArrayDeque<Delayed> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long lastDueNanos;
    private boolean drainScheduled;
    private boolean sourceClosed;

    Pipe(Channel source, Channel target, Link link) {
        this.source = source;
        this.target = target;
        this.link = link;
    }

    /** The connection was identified after it went through: the faults of that link apply from now. */
    void relink(Link identified) {
        this.link = identified;
        drain();
    }

    void accept(ByteBuf data) {
        long due = Math.max(System.nanoTime() + link.latencyNanos(), lastDueNanos);
        lastDueNanos = due;
        queue.add(new Delayed(data, due));
        queuedBytes += data.readableBytes();
        drain();
    }

    /** Forwards what is due; called on reads, timers, writability and condition changes. */
    void drain() {
        boolean wrote = false;
        while (!queue.isEmpty() && !link.stalled() && target.isWritable()) {
            Delayed head = queue.peek();
            long waitNanos = head.dueNanos() - System.nanoTime();
            if (waitNanos > 0) {
                scheduleDrain(waitNanos);
                break;
            }
            queue.poll();
            queuedBytes -= head.data().readableBytes();
            target.write(head.data());
            wrote = true;
        }
        if (wrote) {
            target.flush();
        }
        if (sourceClosed && queue.isEmpty()) {
            target.close();
        }
        source.config().setAutoRead(!link.stalled() && target.isWritable() && queuedBytes < MAX_QUEUED_BYTES);
    }

    private void scheduleDrain(long waitNanos) {
        if (!drainScheduled) {
            drainScheduled = true;
            source.eventLoop().schedule(() -> {
                drainScheduled = false;
                drain();
            }, waitNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The source closed: what is queued still goes out, then the target closes too. */
    void sourceClosed() {
        sourceClosed = true;
        drain();
    }

    void discard() {
        queue.forEach(delayed -> delayed.data().release());
        queue.clear();
        queuedBytes = 0;
    }
}
