package io.jnatsd.sys;

import io.jnatsd.config.SystemEventTimings;
import io.jnatsd.monitor.MonitorDocuments;
import io.jnatsd.server.NatsServer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is alive in the system account, as nats-server tells it: this server sends its statistics
 * on {@code $SYS.SERVER.<id>.STATSZ} every {@code statszInterval} (the first after
 * {@code statszFirst}, doubling up to it), and when it hears a server it did not know, but as
 * nats-server 2.10 never twice within a second (nor within the current heartbeat interval, when
 * that is shorter): an announcement that comes too soon pulls the next heartbeat forward to the
 * end of that second instead. So a server joining a large cluster sends a handful of heartbeats
 * in its first seconds, not one per peer to every peer;
 * it sends {@code $SYS.SERVER.<id>.SHUTDOWN} (its server header as the body) first thing on a
 * clean shutdown, and {@code $SYS.SERVER.<id>.LAMEDUCK} (the same body) on entering lame duck
 * mode, after which, as nats-server 2.10, it sends nothing more on the system account (no
 * heartbeat, no SHUTDOWN). It listens to the same subjects from the others
 * ({@link RemoteServers}) and forgets a server, with its account connection counts, when that
 * server shuts down, goes lame duck, or has been silent for {@code orphanMax}, so a killed or
 * draining server stops holding an account's connection slots and leaves {@code active_servers}.
 */
final class ServerPresence {
    private static final Logger LOG = LoggerFactory.getLogger(ServerPresence.class);
    /** How long a shutdown waits for its SHUTDOWN event to be handed to the routes (nats-server's flush wait). */
    private static final long SHUTDOWN_SEND_MILLIS = 1000;
    /** The least time between two broadcast heartbeats (nats-server's {@code statszRateLimit}). */
    private static final long STATSZ_RATE_LIMIT_MILLIS = 1000;

    private final NatsServer server;
    private final MonitorDocuments documents;
    private final SystemClient client;
    private final MonitorReplies replies;
    private final ServerInfoHeader header;
    private final RemoteServers remotes;
    private final ScheduledExecutorService timer;
    private final SystemEventTimings timings;
    private volatile boolean stopped;
    // The heartbeat's state, touched on the system thread only (its timer hands over to it).
    /** The current heartbeat interval: statszFirst, doubling up to statszInterval. */
    private long heartbeatMillis;
    /** When the last broadcast heartbeat left; meaningless until {@link #broadcastSent}. */
    private long lastBroadcastNanos;
    private boolean broadcastSent;
    /** Counts reschedules, so that a superseded timer that already fired does nothing. */
    private long heartbeatGeneration;
    private ScheduledFuture<?> nextHeartbeat;

    ServerPresence(NatsServer server, MonitorDocuments documents, SystemClient client, ServerInfoHeader header,
                   RemoteServers remotes, ScheduledExecutorService timer) {
        this.server = server;
        this.documents = documents;
        this.client = client;
        this.replies = new MonitorReplies(client, header);
        this.header = header;
        this.remotes = remotes;
        this.timer = timer;
        this.timings = server.options().systemEventTimings();
    }

    /** Subscribes to the other servers' heartbeats and shutdowns and starts this server's. */
    void start() {
        client.subscribe("$SYS.SERVER.*.STATSZ", this::remoteStatsz);
        client.subscribe("$SYS.SERVER.*.SHUTDOWN", this::remoteShutdown);
        // nats-server handles a peer entering lame duck mode as one shutting down.
        client.subscribe("$SYS.SERVER.*.LAMEDUCK", this::remoteShutdown);
        client.execute(() -> {
            heartbeatMillis = timings.statszFirst().toMillis();
            scheduleHeartbeat(heartbeatMillis);
        });
        long check = timings.orphanCheck().toMillis();
        timer.scheduleWithFixedDelay(() -> client.execute(this::sweepOrphans), check, check, TimeUnit.MILLISECONDS);
    }

    /**
     * A message from another server arrived (its heartbeat or an account count): it is alive.
     * A server heard for the first time gets this server's statistics, as nats-server announces
     * itself to a newcomer: at once, or with the next heartbeat when one left less than the rate
     * limit ago. Runs on the system thread.
     */
    void heard(String serverId, long sequence) {
        if (!serverId.isEmpty() && !serverId.equals(server.serverId()) && remotes.heard(serverId, sequence)) {
            broadcastStatsz();
        }
    }

    /**
     * Sends the SHUTDOWN event and stops the heartbeat; waits (bounded) until the event has been
     * handed to the routes, as the caller closes them next.
     */
    void announceShutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        CountDownLatch sent = new CountDownLatch(1);
        client.execute(() -> {
            try {
                client.publishJson("$SYS.SERVER." + server.serverId() + ".SHUTDOWN", header.next());
            } finally {
                sent.countDown();
            }
        });
        try {
            if (!sent.await(SHUTDOWN_SEND_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.debug("The shutdown event was not sent in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends the LAMEDUCK event and silences the system client behind it; returns at once (the
     * lame duck's clients are closed only after the grace period).
     */
    void announceLameDuck() {
        if (stopped) {
            return;
        }
        stopped = true;
        client.execute(() -> {
            client.publishJson("$SYS.SERVER." + server.serverId() + ".LAMEDUCK", header.next());
            client.silence();
        });
    }

    /** Replaces the pending heartbeat by one in {@code delayMillis}. */
    private void scheduleHeartbeat(long delayMillis) {
        if (stopped) {
            return;
        }
        if (nextHeartbeat != null) {
            nextHeartbeat.cancel(false);
        }
        long generation = ++heartbeatGeneration;
        nextHeartbeat = timer.schedule(() -> client.execute(() -> {
            if (generation == heartbeatGeneration) {
                heartbeat();
            }
        }), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        heartbeatMillis = Math.min(heartbeatMillis * 2, timings.statszInterval().toMillis());
        scheduleHeartbeat(heartbeatMillis);
        broadcastStatsz();
    }

    /**
     * Sends the heartbeat unless the last one is too recent; then the next heartbeat comes when it
     * no longer is. Also how a statistics request without a reply subject is answered (nats-server
     * 2.10 applies the same limit to it). Runs on the system thread.
     */
    void broadcastStatsz() {
        if (stopped) {
            return;
        }
        long limitNanos = TimeUnit.MILLISECONDS.toNanos(Math.min(STATSZ_RATE_LIMIT_MILLIS, heartbeatMillis));
        long now = System.nanoTime();
        long since = now - lastBroadcastNanos;
        if (broadcastSent && since < limitNanos) {
            scheduleHeartbeat(TimeUnit.NANOSECONDS.toMillis(limitNanos - since + 999_999));
            return;
        }
        broadcastSent = true;
        lastBroadcastNanos = now;
        Map<String, Object> message = replies.reply();
        message.put("statsz", documents.statsz(remotes.activeServers()));
        client.publishJson("$SYS.SERVER." + server.serverId() + ".STATSZ", message);
    }

    private void remoteStatsz(SystemRequest message) {
        try {
            HeartbeatSender sender = HeartbeatSender.of(message.body());
            heard(sender.id(), sender.sequence());
        } catch (IOException e) {
            LOG.debug("Ignoring a malformed statsz heartbeat: {}", e.getMessage());
        }
    }

    /** {@code $SYS.SERVER.<id>.SHUTDOWN} or {@code .LAMEDUCK}; an empty body is not one (nats-server rejects it too). */
    private void remoteShutdown(SystemRequest message) {
        String[] tokens = message.subject().split("\\.");
        if (tokens.length < 4 || message.body().length == 0) {
            LOG.debug("Ignoring an invalid shutdown or lame duck event on {}", message.subject());
            return;
        }
        String serverId = tokens[2];
        if (remotes.forget(serverId)) {
            LOG.debug("Remote server {} {}: its account connections no longer count", serverId,
                    tokens[3].equals("LAMEDUCK") ? "entered lame duck mode" : "shut down");
            server.forgetRemoteServer(serverId);
        }
    }

    private void sweepOrphans() {
        for (String serverId : remotes.orphans(timings.orphanMax().toNanos())) {
            LOG.debug("Detected orphan remote server: \"{}\"", serverId);
            server.forgetRemoteServer(serverId);
        }
    }
}
