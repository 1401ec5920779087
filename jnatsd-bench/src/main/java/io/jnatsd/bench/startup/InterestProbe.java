package io.jnatsd.bench.startup;

import io.jnatsd.bench.target.ServerGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * How fast a subscription's interest crosses a three-server cluster, both ways. A client on A
 * subscribes to a fresh subject (SUB, then PING) while a client on C publishes to that subject
 * every {@link PacedPublisher#INTERVAL_NANOS}; measured are the time from sending SUB to the
 * first delivery on A, and from A's PONG (A has taken the SUB) to that delivery. Until C knows
 * of the interest it drops the messages, so the first delivery shows when the RS+ arrived.
 *
 * <p>Then the withdrawal: C publishes requests (a reply subject it subscribes to, with
 * {@code headers} and {@code no_responders}), A's client unsubscribes, and measured is the time
 * from UNSUB to C's first no-responders status: C answers one only once nothing in the cluster
 * is interested, that is once A's RS- arrived (until then it forwards the requests to A, which
 * drops them). Between rounds the publisher rests, so each round starts from a quiet cluster.
 */
final class InterestProbe {
    private static final long REST_NANOS = 5_000_000L;
    private static final int IO_TIMEOUT_MILLIS = 5_000;
    private static final long WITHDRAWAL_TIMEOUT_NANOS = 5_000_000_000L;
    private static final String NO_RESPONDERS_PREFIX = "nr.";
    private static final long POLL_NANOS = 50_000L;

    /**
     * The first rounds, reported apart: a fresh JVM runs the interest path interpreted at first,
     * and only the later rounds show the server warm, as nats-server is from its start.
     */
    static final int COLD_ROUNDS = 50;

    /**
     * Percentiles in microseconds; the cold ones over the first {@link #COLD_ROUNDS} rounds (NaN
     * without them); the withdrawal ones from UNSUB on A to C's first no-responders status.
     */
    record Propagation(double p50FromSub, double p90FromSub, double p50FromPong, double p90FromPong,
                       double coldP50FromSub, double coldP90FromSub, double p50Withdrawal, double p90Withdrawal) {
    }

    private InterestProbe() {
    }

    static Propagation measure(ServerGroup cluster, int warmupRounds, int rounds) throws IOException {
        try (LineClient subscriber = open(cluster.address(0), false);
             LineClient publisherConnection = open(cluster.address(2), true);
             PacedPublisher publisher = new PacedPublisher(publisherConnection, "interest-publisher")) {
            publisherConnection.send("SUB " + NO_RESPONDERS_PREFIX + "> 1\r\n");
            NoRespondersWatch watch = new NoRespondersWatch(publisherConnection);
            long[] fromSub = new long[rounds];
            long[] fromPong = new long[rounds];
            long[] withdrawal = new long[rounds];
            long[] cold = new long[Math.min(COLD_ROUNDS, warmupRounds)];
            for (int round = 0; round < warmupRounds + rounds; round++) {
                long[] times = round(subscriber, publisher, watch, round + 1);
                if (round < cold.length) {
                    cold[round] = times[0];
                }
                if (round >= warmupRounds) {
                    fromSub[round - warmupRounds] = times[0];
                    fromPong[round - warmupRounds] = times[1];
                    withdrawal[round - warmupRounds] = times[2];
                }
            }
            publisher.checkFailure();
            return new Propagation(percentile(fromSub, 50), percentile(fromSub, 90),
                percentile(fromPong, 50), percentile(fromPong, 90),
                cold.length < COLD_ROUNDS ? Double.NaN : percentile(cold, 50),
                cold.length < COLD_ROUNDS ? Double.NaN : percentile(cold, 90),
                percentile(withdrawal, 50), percentile(withdrawal, 90));
        }
    }

    /** One round: {SUB to delivery, PONG to delivery, UNSUB to no-responders} in nanoseconds. */
    private static long[] round(LineClient subscriber, PacedPublisher publisher, NoRespondersWatch watch, int sid)
            throws IOException {
        String subject = "interest." + sid;
        String messageSid = " " + sid + " ";
        publisher.publish("PUB " + subject + " 0\r\n\r\n");
        long subscribed = System.nanoTime();
        subscriber.send("SUB " + subject + " " + sid + "\r\nPING\r\n");
        long ponged = -1;
        long delivered = -1;
        while (delivered < 0 || ponged < 0) {
            String frame = subscriber.readFrame(null);
            long now = System.nanoTime();
            if (frame.startsWith("PONG") && ponged < 0) {
                ponged = now;
            } else if (frame.startsWith("MSG ") && frame.contains(messageSid) && delivered < 0) {
                delivered = now;
            } else if (frame.startsWith("-ERR")) {
                throw new IOException("server A said " + frame);
            }
        }
        // C has the interest: its requests go to A from now on, until the RS- arrives.
        publisher.publish("PUB " + subject + " " + NO_RESPONDERS_PREFIX + sid + " 0\r\n\r\n");
        long unsubscribed = System.nanoTime();
        subscriber.send("UNSUB " + sid + "\r\n");
        long withdrawn = watch.await(sid, unsubscribed + WITHDRAWAL_TIMEOUT_NANOS);
        publisher.publish(null);
        publisher.checkFailure();
        drain(subscriber);
        LockSupport.parkNanos(REST_NANOS);
        return new long[] {delivered - subscribed, Math.max(0, delivered - ponged), withdrawn - unsubscribed};
    }

    /** Reads what A delivered after the UNSUB was sent (requests already on their way), so the next round starts clean. */
    private static void drain(LineClient subscriber) throws IOException {
        while (subscriber.ready()) {
            subscriber.readFrame(null);
        }
    }

    private static LineClient open(InetSocketAddress address, boolean noResponders) throws IOException {
        LineClient client = LineClient.connect(address, IO_TIMEOUT_MILLIS);
        client.readLine();
        String options = noResponders ? ",\"headers\":true,\"no_responders\":true" : "";
        client.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1" + options + "}\r\nPING\r\n");
        while (!client.readFrame(null).startsWith("PONG")) {
            // wait for the server to have taken CONNECT
        }
        return client;
    }

    /** The {@code percent} percentile of {@code nanos}, in microseconds. */
    static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e3;
    }

    /** Reads the publisher's connection on its own thread and notes when the first no-responders status of a round came. */
    private static final class NoRespondersWatch implements Runnable {
        private final LineClient connection;
        private volatile int seenRound;
        private volatile long seenNanos;
        private volatile IOException failure;

        NoRespondersWatch(LineClient connection) {
            this.connection = connection;
            Thread thread = new Thread(this, "interest-no-responders");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            String prefix = "HMSG " + NO_RESPONDERS_PREFIX;
            try {
                while (true) {
                    String frame = connection.readFrame(null);
                    long now = System.nanoTime();
                    if (frame.startsWith(prefix)) {
                        int round = Integer.parseInt(frame.substring(prefix.length(), frame.indexOf(' ', prefix.length())));
                        if (round != seenRound) {
                            seenNanos = now;
                            seenRound = round;
                        }
                    } else if (frame.startsWith("-ERR")) {
                        throw new IOException("server C said " + frame);
                    }
                }
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException io ? io : new IOException(e);
            }
        }

        /** When the first no-responders status of {@code round} arrived; waits until {@code deadline}. */
        long await(int round, long deadline) throws IOException {
            while (seenRound != round) {
                if (failure != null) {
                    throw failure;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("server C still routed requests to A 5 s after the UNSUB (round " + round + ")");
                }
                // the time is taken by the reading thread: how often this one looks does not change it
                LockSupport.parkNanos(POLL_NANOS);
            }
            return seenNanos;
        }
    }
}
