package io.jnatsd.link;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * PINGs on a server-to-server link: the first about 1 s after the link registers, then every
 * interval whatever the traffic (routes and gateways alike, ROUTES.md §5.1, GATEWAYS.md §7); after
 * {@code pingMax} unanswered PINGs the link is stale. Runs on the link's event loop.
 */
public final class LinkKeepAlive {
    private static final long FIRST_PING_MILLIS = 1000;

    /** The link being kept alive. */
    public interface Peer {
        void sendPing();

        /** {@code pingMax} PINGs went unanswered: send the stale error and close. */
        void stale();
    }

    private final Peer peer;
    private final long intervalMillis;
    private final int pingMax;
    private EventExecutor executor;
    private ScheduledFuture<?> timer;
    private int outstanding;
    private long pingSentNanos;
    private volatile long rttNanos = -1;

    public LinkKeepAlive(Peer peer, long intervalMillis, int pingMax) {
        this.peer = peer;
        this.intervalMillis = intervalMillis;
        this.pingMax = pingMax;
    }

    public void start(EventExecutor loop) {
        this.executor = loop;
        long first = Math.min(intervalMillis, FIRST_PING_MILLIS + ThreadLocalRandom.current().nextLong(100));
        timer = loop.schedule(this::tick, first, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void tick() {
        if (outstanding >= pingMax) {
            peer.stale();
            return;
        }
        outstanding++;
        pingSentNanos = System.nanoTime();
        peer.sendPing();
        timer = executor.schedule(this::tick, intervalMillis, TimeUnit.MILLISECONDS);
    }

    public void pongReceived() {
        if (outstanding > 0) {
            rttNanos = System.nanoTime() - pingSentNanos;
        }
        outstanding = 0;
    }

    /** The last measured round trip, -1 before the first PONG. */
    public long rttNanos() {
        return rttNanos;
    }
}
