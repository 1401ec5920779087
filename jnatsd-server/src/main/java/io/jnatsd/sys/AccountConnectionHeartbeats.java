package io.jnatsd.sys;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * nats-server re-sends an account's connection count every 30 s while the account has
 * connections on the server, so other servers that missed a change, started later or forgot
 * this server (orphan sweep) learn it again. Each count sent restarts the account's timer; a
 * count of zero stops it.
 */
final class AccountConnectionHeartbeats {
    private final ScheduledExecutorService timer;
    private final long everyMillis;
    private final Consumer<String> resend;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /** @param resend sends the account's count again (called on the timer thread) */
    AccountConnectionHeartbeats(ScheduledExecutorService timer, Duration every, Consumer<String> resend) {
        this.timer = timer;
        this.everyMillis = every.toMillis();
        this.resend = resend;
    }

    /** The account's count was just sent: the next one is due a heartbeat from now, unless it was zero. */
    void sent(String account, long totalConnections) {
        ScheduledFuture<?> next = null;
        if (totalConnections > 0 && !stopped) {
            next = timer.schedule(() -> resend.accept(account), everyMillis, TimeUnit.MILLISECONDS);
        }
        ScheduledFuture<?> previous = next == null ? pending.remove(account) : pending.put(account, next);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** No more heartbeats (shutdown). */
    void stop() {
        stopped = true;
        pending.values().forEach(future -> future.cancel(false));
        pending.clear();
    }
}
