package io.jnatsd.tests.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart of a 3-server cluster under steady publish/subscribe and request load: each
 * server in turn goes into lame duck mode, stops, restarts on the same ports and rejoins before
 * the next one goes. Counts lost and duplicated messages per subscriber and phase, and request
 * timeouts; prints the table that docs/OPERATIONS.md reports.
 *
 * <p>Core NATS is at-most-once: a subscriber whose own server restarts may miss what is published
 * while it reconnects. A subscriber on a server that is not being restarted must lose nothing.
 * The publisher, requester and responder move to a server that stays up before each phase: the
 * jnats 2.24 client can stop writing after a reconnect (seen with nats-server 2.10 too), which
 * would measure the client rather than the cluster.
 */
class RollingUpgradeTest {
    private static final String[] NAMES = {"A", "B", "C"};
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(2);

    private final JnatsdServer[] servers = new JnatsdServer[3];
    private final int[] clientPorts = new int[3];
    private final int[] clusterPorts = new int[3];

    private JnatsdServer start(int i, List<Integer> routePorts) throws Exception {
        List<URI> routes = new ArrayList<>();
        for (int port : routePorts) {
            routes.add(URI.create("nats-route://127.0.0.1:" + port));
        }
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(NAMES[i]).port(clientPorts[i] == 0 ? -1 : clientPorts[i]);
        builder.options().lameDuckDuration(Duration.ofMillis(1500)).lameDuckGracePeriod(Duration.ofMillis(300))
                .cluster(ClusterOptions.listen("127.0.0.1", clusterPorts[i]).withName("ROLL").withRoutes(routes));
        JnatsdServer server = builder.start();
        clientPorts[i] = server.port();
        clusterPorts[i] = server.server().cluster().listenPort();
        return server;
    }

    private void awaitFullMesh() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JnatsdServer server : servers) {
                if (server.server().cluster().remoteCount() != 2 || server.server().cluster().routes().size() != 8) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Client options; the listener records in which phases the connection was interrupted. */
    private Options clientOptions(int home, Set<Integer> interruptedPhases, AtomicInteger phase) {
        Options.Builder options = new Options.Builder().connectionTimeout(Duration.ofSeconds(10))
                .connectionListener((connection, event) -> {
                    if (event == ConnectionListener.Events.DISCONNECTED) {
                        interruptedPhases.add(phase.get());
                    }
                })
                .reconnectWait(Duration.ofMillis(50)).maxReconnects(-1).noRandomize();
        options.server("nats://127.0.0.1:" + clientPorts[home]);
        for (int i = 0; i < 3; i++) {
            if (i != home) {
                options.server("nats://127.0.0.1:" + clientPorts[i]);
            }
        }
        return options.build();
    }

    /**
     * Puts the publisher, requester and responder on server {@code home}; the previous ones are
     * retired (closed at the end, so nothing they sent is cut off).
     */
    private Connection moveLoad(int home, AtomicReference<Connection> publisherRef,
                                AtomicReference<Connection> requesterRef, Connection oldResponder,
                                List<Connection> retired, Set<Integer> publisherInterrupted, AtomicInteger phase)
            throws Exception {
        Connection responder = Nats.connect(clientOptions(home, ConcurrentHashMap.newKeySet(), phase));
        responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData())).subscribe("roll.svc", "svc");
        responder.flush(Duration.ofSeconds(5));
        if (oldResponder != null) {
            oldResponder.drain(Duration.ofSeconds(2));
            retired.add(oldResponder);
        }
        Connection publisher = Nats.connect(clientOptions(home, publisherInterrupted, phase));
        Connection requester = Nats.connect(clientOptions(home, ConcurrentHashMap.newKeySet(), phase));
        Connection oldPublisher = publisherRef.getAndSet(publisher);
        Connection oldRequester = requesterRef.getAndSet(requester);
        if (oldPublisher != null) {
            oldPublisher.flush(Duration.ofSeconds(5));
            retired.add(oldPublisher);
            retired.add(oldRequester);
        }
        return responder;
    }

    @Test
    void aRollingRestartLosesNothingForSubscribersOnServersThatStayUp() throws Exception {
        servers[0] = start(0, List.of());
        servers[1] = start(1, List.of(clusterPorts[0]));
        servers[2] = start(2, List.of(clusterPorts[0], clusterPorts[1]));
        awaitFullMesh();

        AtomicInteger phase = new AtomicInteger(-1);
        List<ConcurrentHashMap<Long, Integer>> received = new ArrayList<>();
        List<Connection> subscribers = new ArrayList<>();
        List<Set<Integer>> interrupted = new ArrayList<>();
        AtomicLong duplicates = new AtomicLong();
        for (int i = 0; i < 3; i++) {
            ConcurrentHashMap<Long, Integer> seen = new ConcurrentHashMap<>();
            received.add(seen);
            Set<Integer> phases = ConcurrentHashMap.newKeySet();
            interrupted.add(phases);
            Connection subscriber = Nats.connect(clientOptions(i, phases, phase));
            subscriber.createDispatcher(m -> {
                if (seen.putIfAbsent(ByteBuffer.wrap(m.getData()).getLong(), 1) != null) {
                    duplicates.incrementAndGet();
                }
            }).subscribe("roll.seq");
            subscriber.flush(Duration.ofSeconds(5));
            subscribers.add(subscriber);
        }
        Set<Integer> publisherInterrupted = ConcurrentHashMap.newKeySet();
        AtomicReference<Connection> publisherRef = new AtomicReference<>();
        AtomicReference<Connection> requesterRef = new AtomicReference<>();
        List<Connection> retired = new ArrayList<>();
        Connection responder = moveLoad(2, publisherRef, requesterRef, null, retired, publisherInterrupted, phase);

        ConcurrentHashMap<Long, Integer> publishedInPhase = new ConcurrentHashMap<>();
        AtomicLong sequence = new AtomicLong();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger requestTimeouts = new AtomicInteger();
        Thread load = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (phase.get() < 3 && System.nanoTime() < deadline) {
                long seq = sequence.incrementAndGet();
                publishedInPhase.put(seq, phase.get());
                publisherRef.get().publish("roll.seq", ByteBuffer.allocate(8).putLong(seq).array());
                if (seq % 50 == 0) {
                    requests.incrementAndGet();
                    try {
                        if (requesterRef.get().request("roll.svc", new byte[8], Duration.ofSeconds(1)) == null) {
                            requestTimeouts.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException noResponders) {
                        requestTimeouts.incrementAndGet();
                    }
                }
                try {
                    Thread.sleep(PUBLISH_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rolling-load");
        load.start();
        Thread.sleep(500);

        for (int i = 0; i < 3; i++) {
            responder = moveLoad((i + 1) % 3, publisherRef, requesterRef, responder, retired,
                    publisherInterrupted, phase);
            phase.set(i);
            servers[i].enterLameDuckMode();
            servers[i].awaitShutdown();
            List<Integer> others = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                if (k != i) {
                    others.add(clusterPorts[k]);
                }
            }
            servers[i] = start(i, others);
            awaitFullMesh();
            Thread.sleep(500);
        }
        phase.set(3);
        load.join(10_000);
        publisherRef.get().flush(Duration.ofSeconds(5));
        long last = sequence.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get(0).containsKey(last)
                && received.get(1).containsKey(last) && received.get(2).containsKey(last));

        StringBuilder table = new StringBuilder("\nrolling restart: published=").append(sequence.get())
                .append(" requests=").append(requests.get()).append(" request timeouts=").append(requestTimeouts.get())
                .append(" duplicates=").append(duplicates.get()).append('\n')
                .append("phase (restarting)  lost on A  lost on B  lost on C\n");
        long[][] lost = new long[4][3];
        publishedInPhase.forEach((seq, p) -> {
            for (int s = 0; s < 3; s++) {
                if (!received.get(s).containsKey(seq) && p >= 0) {
                    lost[Math.min(p, 3)][s]++;
                }
            }
        });
        for (int p = 0; p < 3; p++) {
            table.append(String.format("%d (%s)               %9d  %9d  %9d%n", p, NAMES[p], lost[p][0], lost[p][1], lost[p][2]));
        }
        System.out.println(table);

        assertThat(duplicates.get()).as("duplicates").isZero();
        // A subscriber whose connection stayed up through a phase, while the publisher's did too,
        // must have received everything published in that phase.
        int checked = 0;
        for (int p = 0; p < 3; p++) {
            if (publisherInterrupted.contains(p)) {
                continue;
            }
            for (int s = 0; s < 3; s++) {
                if (!interrupted.get(s).contains(p)) {
                    assertThat(lost[p][s]).as("subscriber %s, phase %s", NAMES[s], NAMES[p]).isZero();
                    checked++;
                }
            }
        }
        assertThat(checked).as("phases with undisturbed subscribers").isGreaterThanOrEqualTo(2);

        publisherRef.get().close();
        requesterRef.get().close();
        responder.close();
        for (Connection connection : retired) {
            connection.close();
        }
        for (Connection subscriber : subscribers) {
            subscriber.close();
        }
        for (JnatsdServer server : servers) {
            server.close();
        }
    }
}
