package io.jnatsd.link;

import io.jnatsd.transport.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Opens server-to-server TCP connections with nats-server's timing (ROUTES.md §15, GATEWAYS.md §7):
 * a 1 s dial timeout, a fixed 1 s pause between failed rounds, and a random 0–100 ms jitter before
 * re-dials so the servers of a cluster do not dial in lockstep. What to dial, and how often, is the
 * caller's ({@link DialRounds}).
 */
public final class LinkDialer {
    public static final long DIAL_TIMEOUT_MILLIS = 1000;
    public static final long RETRY_MILLIS = 1000;
    private static final long JITTER_MILLIS = 100;

    private final EventLoopGroup loops;

    public LinkDialer(EventLoopGroup loops) {
        this.loops = loops;
    }

    /**
     * Connects to {@code host:port} with {@code handler} on the new channel; {@code failed} is told
     * why when the TCP connection could not be made (the handler then never became active).
     */
    public void dial(String host, int port, ChannelHandler handler, Consumer<Throwable> failed) {
        new Bootstrap()
                .group(loops)
                .channel(EventLoops.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) DIAL_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .handler(handler)
                .connect(host, port)
                .addListener(future -> {
                    if (!future.isSuccess()) {
                        failed.accept(future.cause());
                    }
                });
    }

    /** Runs {@code task} after {@code delayMillis} plus up to 100 ms of jitter. */
    public void later(Runnable task, long delayMillis) {
        try {
            loops.schedule(task, delayMillis + ThreadLocalRandom.current().nextLong(JITTER_MILLIS + 1),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // the server is stopping: nothing is re-dialed any more
        }
    }
}
