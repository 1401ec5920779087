package io.jnatsd.transport;

import io.jnatsd.dispatch.FlushBatch;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;

/**
 * What every connection does when a read batch ends: flush each connection the batch wrote to,
 * and if a delivery filled some consumer's (or route's) outbound buffer past three quarters of
 * its limit, pause reading from this producer for a moment. nats-server stalls fast producers
 * the same way; the pause lets the consumer drain instead of being cut as a slow consumer.
 */
public final class ReadBatchEnd {
    private static final long PRODUCER_STALL_MILLIS = 10;

    private ReadBatchEnd() {
    }

    public static void complete(ChannelHandlerContext ctx) {
        FlushBatch batch = FlushBatch.current();
        batch.flush();
        if (batch.takeProducerStall()) {
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> ctx.channel().config().setAutoRead(true),
                    PRODUCER_STALL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
