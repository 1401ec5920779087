package io.jnatsd.bench.startup;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one protocol text (a PUB) every {@link #INTERVAL_NANOS} on its own thread while there is
 * one, and rests while there is none: how the propagation probes see when interest arrived or
 * left, to within one interval.
 */
final class PacedPublisher implements Runnable, AutoCloseable {
    /** Fine enough for sub-millisecond figures, yielding the CPU between messages. */
    static final long INTERVAL_NANOS = 20_000L;
    private static final long IDLE_NANOS = 200_000L;

    private final LineClient connection;
    private final Thread thread;
    private volatile String text;
    private volatile boolean stop;
    private volatile IOException failure;

    PacedPublisher(LineClient connection, String threadName) {
        this.connection = connection;
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** What to send from now on (a whole protocol text, CRLFs included), or null to rest. */
    void publish(String protocolText) {
        text = protocolText;
    }

    /** Throws what stopped the publisher, if anything did. */
    void checkFailure() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void run() {
        try {
            while (!stop) {
                String current = text;
                if (current == null) {
                    LockSupport.parkNanos(IDLE_NANOS);
                    continue;
                }
                connection.send(current);
                long next = System.nanoTime() + INTERVAL_NANOS;
                while (System.nanoTime() - next < 0) {
                    Thread.yield();
                }
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public void close() {
        stop = true;
    }
}
