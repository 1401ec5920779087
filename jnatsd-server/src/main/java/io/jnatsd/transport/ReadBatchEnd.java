package io.jnatsd.transport;

import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.dispatch.Flushable;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;

/**
 * What every connection does when a read batch ends: flush each connection the batch wrote to,
 * and if a delivery filled some consumer's (or route's) outbound buffer past three quarters of
 * its limit, stop reading from this producer until that buffer drains below the mark, for at
 * most a second. nats-server stalls fast producers the same way; the pause lets the consumer
 * drain instead of being cut as a slow consumer.
 */
public final class ReadBatchEnd {
    private static final long CHECK_MILLIS = 10;
    private static final long MAX_STALL_MILLIS = 1000;

    private ReadBatchEnd() {
    }

    public static void complete(ChannelHandlerContext ctx) {
        FlushBatch batch = FlushBatch.current();
        batch.flush();
        Flushable backlogged = batch.takeProducerStall();
        if (backlogged != null) {
            ctx.channel().config().setAutoRead(false);
            resumeWhenDrained(ctx, backlogged, System.nanoTime());
        }
    }

    /**
     * Stops reading at once, rather than when the read batch ends, if a delivery of this read
     * asked for a producer stall: one batch of a compressed route decodes to many megabytes, more
     * than the room left between the stall mark and the slow-consumer limit. {@link #complete}
     * then schedules the resumption as usual.
     */
    public static void pauseIfStallRequested(ChannelHandlerContext ctx) {
        if (FlushBatch.current().producerStallRequested()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private static void resumeWhenDrained(ChannelHandlerContext ctx, Flushable backlogged, long stalledSince) {
        ctx.executor().schedule(() -> {
            long stalledMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalledSince);
            if (backlogged.backlogged() && stalledMillis < MAX_STALL_MILLIS && ctx.channel().isActive()) {
                resumeWhenDrained(ctx, backlogged, stalledSince);
            } else {
                ctx.channel().config().setAutoRead(true);
            }
        }, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }
}
