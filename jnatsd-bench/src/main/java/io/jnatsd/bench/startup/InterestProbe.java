package io.jnatsd.bench.startup;

import io.jnatsd.bench.target.ServerGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * How fast a new subscription's interest crosses a three-server cluster: a client on A
 * subscribes to a fresh subject (SUB, then PING) while a client on C publishes to that subject
 * every {@link #PUBLISH_INTERVAL_NANOS}; measured are the time from sending SUB to the first
 * delivery on A, and from A's PONG (A has taken the SUB) to that delivery. Until C knows of the
 * interest it drops the messages, so the first delivery shows when the interest arrived (to
 * within one publishing interval). Between rounds the subscription is removed and the
 * publisher rests, so each round starts from a cluster without interest.
 */
final class InterestProbe {
    /** C's publishing interval: fine enough for sub-millisecond figures, yielding the CPU between messages. */
    static final long PUBLISH_INTERVAL_NANOS = 20_000L;
    private static final long REST_NANOS = 5_000_000L;
    private static final int IO_TIMEOUT_MILLIS = 5_000;

    /**
     * The first rounds, reported apart: a fresh JVM runs the interest path interpreted at first,
     * and only the later rounds show the server warm, as nats-server is from its start.
     */
    static final int COLD_ROUNDS = 50;

    /** Percentiles in microseconds; the cold ones over the first {@link #COLD_ROUNDS} rounds (NaN without them). */
    record Propagation(double p50FromSub, double p90FromSub, double p50FromPong, double p90FromPong,
                       double coldP50FromSub, double coldP90FromSub) {
    }

    private InterestProbe() {
    }

    static Propagation measure(ServerGroup cluster, int warmupRounds, int rounds) throws IOException {
        try (LineClient subscriber = open(cluster.address(0));
             LineClient publisherConnection = open(cluster.address(2))) {
            Publisher publisher = new Publisher(publisherConnection);
            Thread thread = new Thread(publisher, "interest-publisher");
            thread.setDaemon(true);
            thread.start();
            try {
                long[] fromSub = new long[rounds];
                long[] fromPong = new long[rounds];
                long[] cold = new long[Math.min(COLD_ROUNDS, warmupRounds)];
                for (int round = 0; round < warmupRounds + rounds; round++) {
                    long[] times = round(subscriber, publisher, round + 1);
                    if (round < cold.length) {
                        cold[round] = times[0];
                    }
                    if (round >= warmupRounds) {
                        fromSub[round - warmupRounds] = times[0];
                        fromPong[round - warmupRounds] = times[1];
                    }
                }
                if (publisher.failure != null) {
                    throw publisher.failure;
                }
                return new Propagation(percentile(fromSub, 50), percentile(fromSub, 90),
                    percentile(fromPong, 50), percentile(fromPong, 90),
                    cold.length < COLD_ROUNDS ? Double.NaN : percentile(cold, 50),
                    cold.length < COLD_ROUNDS ? Double.NaN : percentile(cold, 90));
            } finally {
                publisher.stop = true;
            }
        }
    }

    /** One round: {SUB to delivery, PONG to delivery} in nanoseconds. */
    private static long[] round(LineClient subscriber, Publisher publisher, int sid) throws IOException {
        String subject = "interest." + sid;
        String messageSid = " " + sid + " ";
        publisher.subject = subject;
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
        publisher.subject = null;
        subscriber.send("UNSUB " + sid + "\r\n");
        LockSupport.parkNanos(REST_NANOS);
        return new long[] {delivered - subscribed, Math.max(0, delivered - ponged)};
    }

    private static LineClient open(InetSocketAddress address) throws IOException {
        LineClient client = LineClient.connect(address, IO_TIMEOUT_MILLIS);
        client.readLine();
        client.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\nPING\r\n");
        while (!client.readFrame(null).startsWith("PONG")) {
            // wait for the server to have taken CONNECT
        }
        return client;
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e3;
    }

    /** Publishes empty messages to the current subject; rests while there is none. */
    private static final class Publisher implements Runnable {
        private final LineClient connection;
        volatile String subject;
        volatile boolean stop;
        volatile IOException failure;

        Publisher(LineClient connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    String current = subject;
                    if (current == null) {
                        LockSupport.parkNanos(200_000L);
                        continue;
                    }
                    connection.send("PUB " + current + " 0\r\n\r\n");
                    long next = System.nanoTime() + PUBLISH_INTERVAL_NANOS;
                    while (System.nanoTime() - next < 0) {
                        Thread.yield();
                    }
                }
            } catch (IOException e) {
                failure = e;
            }
        }
    }
}
