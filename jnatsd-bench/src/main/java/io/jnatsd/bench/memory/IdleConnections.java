package io.jnatsd.bench.memory;

import io.jnatsd.bench.wire.RawConnection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many connected clients that hold subscriptions and then do nothing, to measure what a server
 * keeps per connection and per subscription. Each connection's subscriptions are confirmed with
 * PING/PONG, so when {@link #open} returns the server holds all of them.
 */
public final class IdleConnections implements AutoCloseable {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final int OPENING_THREADS = 8;

    private final List<RawConnection> connections;

    private IdleConnections(List<RawConnection> connections) {
        this.connections = connections;
    }

    /**
     * Opens the connections from a few threads and spreads the subscriptions evenly over them;
     * subjects are all distinct, as in a server with many independent clients.
     *
     * @throws IOException with the first failure (the connections opened so far are closed)
     */
    public static IdleConnections open(InetSocketAddress server, int connectionCount, int subscriptionCount,
                                       Duration timeout) throws IOException {
        List<RawConnection> opened = java.util.Collections.synchronizedList(new ArrayList<>(connectionCount));
        AtomicReference<Exception> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(OPENING_THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int worker = 0; worker < OPENING_THREADS; worker++) {
                int first = worker;
                work.add(pool.submit(() -> {
                    for (int index = first; index < connectionCount && failure.get() == null; index += OPENING_THREADS) {
                        if (System.nanoTime() - deadline > 0) {
                            failure.compareAndSet(null, new IOException("timed out after " + opened.size() + " connections"));
                            return;
                        }
                        try {
                            opened.add(openOne(server, index, subscriptionsOf(index, connectionCount, subscriptionCount), deadline));
                        } catch (IOException | RuntimeException e) {
                            failure.compareAndSet(null, new IOException("connection " + index + " failed after "
                                + opened.size() + " were open: " + e.getMessage(), e));
                        }
                    }
                }));
            }
            pool.shutdown();
            if (!pool.awaitTermination(timeout.toNanos() + HANDSHAKE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                failure.compareAndSet(null, new IOException("opening connections did not finish in time"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } finally {
            pool.shutdownNow();
        }
        IdleConnections fleet = new IdleConnections(new ArrayList<>(opened));
        if (failure.get() != null) {
            fleet.close();
            throw failure.get() instanceof IOException io ? io : new IOException(failure.get());
        }
        return fleet;
    }

    static int subscriptionsOf(int index, int connectionCount, int subscriptionCount) {
        return subscriptionCount / connectionCount + (index < subscriptionCount % connectionCount ? 1 : 0);
    }

    private static RawConnection openOne(InetSocketAddress server, int index, int subscriptions, long deadline)
            throws IOException {
        RawConnection connection = RawConnection.openIdle(server, "bench-idle-" + index, HANDSHAKE_TIMEOUT);
        try {
            StringBuilder subscribe = new StringBuilder(subscriptions * 32);
            for (int sid = 1; sid <= subscriptions; sid++) {
                subscribe.append("SUB bench.memory.c").append(index).append(".s").append(sid).append(' ').append(sid)
                    .append("\r\n");
            }
            connection.send(subscribe.toString());
            connection.flush(Math.min(deadline, System.nanoTime() + HANDSHAKE_TIMEOUT.toNanos()));
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    public int size() {
        return connections.size();
    }

    @Override
    public void close() {
        connections.forEach(RawConnection::closeAbruptly);
    }
}
