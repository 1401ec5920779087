package io.jnatsd.bench.startup;

import io.jnatsd.bench.target.ByteCountingProxy;
import io.jnatsd.bench.target.ServerGroup;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * How fast interest crosses a route that comes up: in a three-server cluster whose server B
 * dials A through a relay, a client on A holds a subscription while a client on B publishes to
 * it. Each round the relay cuts the B-A route; B dials again, and measured is the time from the
 * relay accepting B's first new connection to the first delivery on A of a message published
 * after the cut. That covers the handshake, A sending its interest over the new route (B
 * forwards nothing to A before), and the first forwarded message; B's re-dial delay (about a
 * second in both servers) is not in it. Messages from B reach A only over their direct route,
 * so a delivery means the route is back.
 */
final class RouteUpProbe {
    /** Each round costs the servers' re-dial delay, about a second. */
    static final int ROUNDS = 12;
    private static final int IO_TIMEOUT_MILLIS = 10_000;
    private static final long SETTLE_NANOS = 500_000_000L;
    private static final String SUBJECT = "route.up";

    /** Percentiles in microseconds. */
    record RouteUp(double p50, double p90) {
    }

    private RouteUpProbe() {
    }

    /** @param rounds route cuts, each about a second: {@link #ROUNDS} in the scenario */
    static RouteUp measure(ServerGroup cluster, ByteCountingProxy relay, int rounds) throws IOException {
        try (LineClient subscriber = open(cluster, 0);
             LineClient publisherConnection = open(cluster, 1);
             PacedPublisher publisher = new PacedPublisher(publisherConnection, "route-up-publisher")) {
            subscriber.send("SUB " + SUBJECT + " 1\r\nPING\r\n");
            awaitDelivery(subscriber, publisher, 0);
            long[] times = new long[rounds];
            for (int round = 1; round <= rounds; round++) {
                publisher.publish(null);
                // the pool filled again and nothing of the last round is still in flight
                LockSupport.parkNanos(SETTLE_NANOS);
                relay.cut();
                long delivered = awaitDelivery(subscriber, publisher, round);
                long accepted = relay.firstAcceptNanos();
                if (accepted == 0 || accepted > delivered) {
                    throw new IOException("the B-A route came back without the relay (A dialled B itself)");
                }
                times[round - 1] = delivered - accepted;
            }
            publisher.checkFailure();
            return new RouteUp(InterestProbe.percentile(times, 50), InterestProbe.percentile(times, 90));
        }
    }

    /** Publishes messages marked {@code round} from now on; returns when A delivered the first of them. */
    private static long awaitDelivery(LineClient subscriber, PacedPublisher publisher, int round) throws IOException {
        String marker = String.format(Locale.ROOT, "%06d", round);
        publisher.publish("PUB " + SUBJECT + " " + marker.length() + "\r\n" + marker + "\r\n");
        StringBuilder payload = new StringBuilder();
        while (true) {
            String frame = subscriber.readFrame(payload);
            long now = System.nanoTime();
            if (frame.startsWith("MSG ") && marker.contentEquals(payload)) {
                return now;
            } else if (frame.startsWith("-ERR")) {
                throw new IOException("server A said " + frame);
            }
            publisher.checkFailure();
        }
    }

    private static LineClient open(ServerGroup cluster, int server) throws IOException {
        LineClient client = LineClient.connect(cluster.address(server), IO_TIMEOUT_MILLIS);
        client.readLine();
        client.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\nPING\r\n");
        while (!client.readFrame(null).startsWith("PONG")) {
            // wait for the server to have taken CONNECT
        }
        return client;
    }
}
