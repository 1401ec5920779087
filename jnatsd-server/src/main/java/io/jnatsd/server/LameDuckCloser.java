package io.jnatsd.server;

import io.jnatsd.client.ClientConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closing half of lame duck mode, on its own thread: after the grace period, close the
 * clients one at a time over the rest of the duration (each pause random, at least half a slot,
 * at most 1 s, as nats-server spaces them), then shut the server down. A server without clients
 * shuts down at once, without the grace period, as nats-server 2.10 does. Bounded: it ends after
 * at most the lame duck duration plus the time to close the last client.
 */
final class LameDuckCloser implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LameDuckCloser.class);
    private static final long MAX_PAUSE_MILLIS = 1000;

    private final NatsServer server;
    private final Duration duration;
    private final Duration grace;

    LameDuckCloser(NatsServer server, Duration duration, Duration grace) {
        this.server = server;
        this.duration = duration;
        this.grace = grace;
    }

    @Override
    public void run() {
        try {
            if (server.clients().isEmpty()) {
                server.shutdown();
                return;
            }
            Thread.sleep(grace.toMillis());
            List<ClientConnection> clients = new ArrayList<>(server.clients());
            if (!clients.isEmpty()) {
                long spread = Math.max(0, duration.toMillis() - grace.toMillis());
                long slot = spread / clients.size();
                LOG.info("Closing existing clients");
                for (ClientConnection client : clients) {
                    client.close("Server Shutdown");
                    Thread.sleep(pause(slot));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdown();
    }

    private static long pause(long slot) {
        if (slot <= 0) {
            return 0;
        }
        long half = slot / 2;
        long pause = half + ThreadLocalRandom.current().nextLong(slot - half + 1);
        return Math.min(pause, MAX_PAUSE_MILLIS);
    }
}
