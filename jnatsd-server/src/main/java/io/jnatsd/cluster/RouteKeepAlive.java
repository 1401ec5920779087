package io.jnatsd.cluster;

import io.jnatsd.protocol.ProtocolError;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * PINGs on a route (ROUTES.md §5.1): the first about 1 s after registration (at once when
 * {@code s2_auto} needs a round trip), then every route
 * ping interval (at most 30 s), without the client rule's suppression; after {@code ping_max}
 * unanswered PINGs the route is stale and closed. This also finds half-open routes (#4681).
 */
final class RouteKeepAlive {
    private static final long FIRST_PING_MILLIS = 1000;
    /** Round trips s2_auto takes at registration, this far apart: one sample is noise on a busy host. */
    private static final int MEASURING_PINGS = 3;
    private static final long MEASURING_INTERVAL_MILLIS = 50;

    private final RouteConnection connection;
    private final long intervalMillis;
    private final int pingMax;
    private EventExecutor executor;
    private ScheduledFuture<?> timer;
    private int outstanding;
    private long pingSentNanos;
    private volatile long rttNanos = -1;
    private int measuringPingsLeft;

    RouteKeepAlive(RouteConnection connection, long intervalMillis, int pingMax) {
        this.connection = connection;
        this.intervalMillis = intervalMillis;
        this.pingMax = pingMax;
    }

    /** @param measureNow send the first PING at once and two more 50 ms apart (s2_auto needs round trips now) */
    void start(EventExecutor executor, boolean measureNow) {
        this.executor = executor;
        measuringPingsLeft = measureNow ? MEASURING_PINGS - 1 : 0;
        long first = measureNow ? 0
                : Math.min(intervalMillis, FIRST_PING_MILLIS + ThreadLocalRandom.current().nextLong(200));
        timer = executor.schedule(this::tick, first, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void tick() {
        if (outstanding >= pingMax) {
            connection.sendError(ProtocolError.STALE_CONNECTION.text());
            connection.close("Stale Connection");
            return;
        }
        outstanding++;
        pingSentNanos = System.nanoTime();
        connection.sendPing();
        timer = executor.schedule(this::tick, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void pongReceived() {
        if (outstanding > 0) {
            rttNanos = System.nanoTime() - pingSentNanos;
            connection.roundTripMeasured(rttNanos);
            if (measuringPingsLeft > 0 && timer != null) {
                measuringPingsLeft--;
                timer.cancel(false);
                timer = executor.schedule(this::tick, MEASURING_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        outstanding = 0;
    }

    long rttNanos() {
        return rttNanos;
    }
}
