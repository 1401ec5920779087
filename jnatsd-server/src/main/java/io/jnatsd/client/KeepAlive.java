package io.jnatsd.client;

import io.jnatsd.config.GoDuration;
import io.jnatsd.config.ServerOptions;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Server-side PINGs and the write deadline of one client, on its event loop. As in nats-server,
 * the timer starts at the full {@code ping_interval} on accept, and each CONNECT restarts it
 * with a short first PING (2 s, or the interval if shorter, plus up to 20 %) to measure the
 * RTT: a client still busy before its CONNECT (a slow TLS certificate check) must not get a
 * PING where it waits for INFO's answer. Then a PING every {@code ping_interval}, skipped when
 * the client was active within the interval and the RTT is known. With {@code ping_max} PINGs
 * unanswered the client is stale and closed. Until the first PONG, the RTT is the time from
 * accepting the connection (INFO) to its CONNECT, as nats-server estimates it (2.10.27 has it
 * in a service request's {@code Nats-Request-Info} header from the first message on).
 */
public final class KeepAlive {
    private static final long FIRST_PING_MILLIS = 2000;

    private final ClientConnection connection;
    private final long intervalMillis;
    private final int pingMax;
    private final Duration writeDeadline;
    private EventExecutor executor;
    private ScheduledFuture<?> timer;
    private int outstanding;
    private long pingSentNanos;
    private long acceptedNanos;
    /** Whether a PONG measured the RTT (the estimate at CONNECT does not spare a PING). */
    private boolean pongMeasured;
    private volatile long rttNanos = -1;
    private long lastActivityMillis;
    private long unwritableSinceNanos = -1;

    KeepAlive(ClientConnection connection, ServerOptions options) {
        this.connection = connection;
        this.intervalMillis = options.pingInterval().toMillis();
        this.pingMax = options.pingMax();
        this.writeDeadline = options.writeDeadline();
    }

    void start(EventExecutor executor) {
        this.executor = executor;
        acceptedNanos = System.nanoTime();
        timer = executor.schedule(this::tick, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** A CONNECT arrived: the first PING comes soon, whatever the timer had left. */
    void connectReceived() {
        stop();
        if (rttNanos < 0) {
            rttNanos = Math.max(1, System.nanoTime() - acceptedNanos);
        }
        long first = Math.min(intervalMillis, FIRST_PING_MILLIS);
        long jitter = first / 5 > 0 ? ThreadLocalRandom.current().nextLong(first / 5) : 0;
        timer = executor.schedule(this::tick, first + jitter, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** nats-server's order and debug lines: activity spares the PING before the stale check counts. */
    private void tick() {
        connection.debug("Client Ping Timer");
        long sinceActivityMillis = System.currentTimeMillis() - lastActivityMillis;
        if (sinceActivityMillis < intervalMillis && pongMeasured) {
            if (connection.debugEnabled()) {
                connection.debug("Delaying PING due to remote client data or ping "
                        + GoDuration.format(Duration.ofSeconds(Math.round(sinceActivityMillis / 1000.0))) + " ago");
            }
        } else if (outstanding >= pingMax) {
            connection.debug("Stale Client Connection - Closing");
            connection.stale();
            return;
        } else {
            outstanding++;
            pingSentNanos = System.nanoTime();
            connection.sendPing();
        }
        timer = executor.schedule(this::tick, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void clientActive() {
        lastActivityMillis = System.currentTimeMillis();
        connection.statistics().touch(lastActivityMillis);
    }

    void pongReceived() {
        if (outstanding > 0 && pingSentNanos > 0) {
            rttNanos = System.nanoTime() - pingSentNanos;
            pongMeasured = true;
        }
        outstanding = 0;
    }

    /** RTT of the last answered PING (before one, the INFO-to-CONNECT estimate), -1 before CONNECT. */
    public long rttNanos() {
        return rttNanos;
    }

    void writabilityChanged(boolean writable) {
        if (writable) {
            unwritableSinceNanos = -1;
            return;
        }
        long since = System.nanoTime();
        unwritableSinceNanos = since;
        executor.schedule(() -> {
            if (unwritableSinceNanos == since) {
                connection.writeDeadlineExceeded();
            }
        }, writeDeadline.toMillis(), TimeUnit.MILLISECONDS);
    }
}
