package io.jnatsd.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a scenario run in time whatever the server does: when the limit passes, it closes the
 * run's connections, which wakes any thread blocked in a socket write or read with an error.
 */
final class Watchdog implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledFuture<?> alarm;
    private volatile boolean fired;

    /** @param resources closed when the limit passes; the list may grow while the run goes on */
    Watchdog(Duration limit, List<? extends AutoCloseable> resources) {
        this.alarm = TIMER.schedule(() -> {
            fired = true;
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // closing is all we can do here
                }
            }
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        alarm.cancel(false);
    }
}
