package io.jnatsd.testkit;

import io.jnatsd.JnatsdCluster;
import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.Cluster;
import io.nats.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * A jnatsd cluster for one test or test class: what a {@link NatsCluster} field or parameter
 * receives. Members are numbered from 0. With fault injection, every route and client
 * connection passes through an in-JVM proxy, and the methods below break the network the way
 * production networks break; without it, only {@link #stop}, {@link #kill} and
 * {@link #restart} are available.
 *
 * <p>What a jnats client observes, by operation (see docs/EMBEDDING.md for the full table):
 * a stopped or killed member closes (kill: resets) its clients' connections and they reconnect
 * to another member; a cut route stops messages between the two members only (no forwarding
 * through a third, as NATS routes are one hop); latency delays each direction; a stall holds
 * bytes without closing anything, until the route or client pings time out.
 */
public final class NatsTestCluster implements AutoCloseable {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final JnatsdCluster cluster;
    private final ClusterNetwork network;
    private final OwnedConnections connections = new OwnedConnections();

    NatsTestCluster(JnatsdCluster cluster, ClusterNetwork network) {
        this.cluster = cluster;
        this.network = network;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- addresses and connections ------------------------------------------------------------

    /** Every member's client URL, comma separated: what {@code Nats.connect(String)} takes. */
    public String url() {
        return cluster.connectString();
    }

    /** The client URL of one member (its client proxy with fault injection). */
    public String url(int member) {
        return cluster.url(member);
    }

    public List<String> urls() {
        return cluster.urls();
    }

    public int size() {
        return cluster.size();
    }

    /** The embedded cluster, for everything else. */
    public JnatsdCluster jnatsd() {
        return cluster;
    }

    /** Member {@code index}'s embedded server (a new object after each restart). */
    public JnatsdServer member(int index) {
        return cluster.member(index);
    }

    /** A jnats connection to any member, closed with this handle. */
    public Connection connect() throws IOException, InterruptedException {
        return connections.add(JnatsConnections.connect(urls(), false));
    }

    /** A jnats connection to {@code member}; on failover it tries the others in order. */
    public Connection connect(int member) throws IOException, InterruptedException {
        return connections.add(JnatsConnections.connect(urlsStartingAt(member), true));
    }

    List<String> urlsStartingAt(int member) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            urls.add(url((member + i) % size()));
        }
        return urls;
    }

    // ---- member lifecycle ------------------------------------------------------------------------

    /** Shuts a member down: its clients and routes are closed by the server, as on shutdown. */
    public void stop(int member) {
        if (network != null) {
            network.memberDown(member, false);
        }
        cluster.stop(member);
    }

    /**
     * Kills a member: with fault injection, every connection to it is reset (TCP RST) before it
     * stops, so peers and clients see the connection die without a goodbye; without fault
     * injection this is {@link #stop}.
     */
    public void kill(int member) {
        if (network != null) {
            network.memberDown(member, true);
        }
        cluster.stop(member);
    }

    /**
     * Puts a member in lame duck mode and returns at once: it stops accepting, tells its peers
     * and clients, closes its clients gradually over {@code lame_duck_duration} (after
     * {@code lame_duck_grace_period}) so they reconnect elsewhere, then shuts down. Set short
     * durations through {@link Builder#configure} in tests; {@link #restart} brings it back.
     */
    public void lameDuck(int member) {
        cluster.member(member).enterLameDuckMode();
    }

    /** Starts a stopped member on its old ports; returns once its routes are back. */
    public void restart(int member) throws InterruptedException {
        cluster.restart(member);
        if (network != null) {
            network.memberUp(member);
        }
        awaitRoutes();
    }

    // ---- route faults --------------------------------------------------------------------------

    /**
     * Cuts the routes between two members: open route connections are reset and new ones hang.
     * Returns once neither member lists the other; both keep their other routes.
     */
    public void cut(int a, int b) throws InterruptedException {
        faults().route(a, b).cut();
        awaitRoutes();
    }

    /** Heals a cut; returns once the two members route to each other again with full pools. */
    public void heal(int a, int b) throws InterruptedException {
        faults().route(a, b).heal();
        awaitRoutes();
    }

    /** Adds a one-way delay to every byte between two members (so round trips grow by twice it). */
    public void routeLatency(int a, int b, Duration oneWay) {
        faults().route(a, b).latency(oneWay);
    }

    /** Freezes the routes between two members without closing them. */
    public void stallRoute(int a, int b) {
        faults().route(a, b).stall(true);
    }

    public void resumeRoute(int a, int b) {
        faults().route(a, b).stall(false);
    }

    // ---- client faults -------------------------------------------------------------------------

    /** Adds a one-way delay to every client connection of a member. */
    public void clientLatency(int member, Duration oneWay) {
        faults().clients(member).latency(oneWay);
    }

    /** Freezes every client connection of a member without closing it. */
    public void stallClients(int member) {
        faults().clients(member).stall(true);
    }

    public void resumeClients(int member) {
        faults().clients(member).stall(false);
    }

    private ClusterNetwork faults() {
        if (network == null) {
            throw new IllegalStateException("fault injection is off for this cluster: "
                    + "use @NatsCluster(faultInjection = true) or builder().faultInjection(true)");
        }
        return network;
    }

    // ---- waiting -------------------------------------------------------------------------------

    /**
     * Waits until every running member routes, with full pools, to every other running member
     * it is not cut from; fails after the cluster's ready timeout.
     */
    public void awaitRoutes() throws InterruptedException {
        long deadline = System.nanoTime() + cluster.readyTimeout().toNanos();
        while (!routesAsExpected()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("routes not as expected after " + cluster.readyTimeout().toMillis() + " ms");
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private boolean routesAsExpected() {
        for (int member = 0; member < size(); member++) {
            if (!cluster.running(member)) {
                continue;
            }
            int peers = 0;
            for (int peer = 0; peer < size(); peer++) {
                if (peer != member && cluster.running(peer) && (network == null || !network.route(member, peer).isCut())) {
                    peers++;
                }
            }
            Cluster routes = cluster.member(member).server().cluster();
            if (routes.remoteCount() != peers || routes.routes().size() != peers * cluster.routesPerRemote(member)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        connections.closeAll();
        cluster.close();
        if (network != null) {
            network.close();
        }
    }

    @Override
    public String toString() {
        return "NatsTestCluster[" + url() + "]";
    }

    /** Describes a test cluster; {@link #start} starts it. */
    public static final class Builder {
        private final JnatsdCluster.Builder cluster = JnatsdCluster.builder();
        private int size = 3;
        private boolean faultInjection;

        private Builder() {
        }

        public Builder size(int members) {
            this.size = members;
            cluster.size(members);
            return this;
        }

        /** Puts every route and client connection through proxies, enabling the fault methods. */
        public Builder faultInjection(boolean enabled) {
            this.faultInjection = enabled;
            return this;
        }

        public Builder topology(JnatsdCluster.Topology topology) {
            cluster.topology(topology);
            return this;
        }

        public Builder name(String clusterName) {
            cluster.name(clusterName);
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            cluster.readyTimeout(timeout);
            return this;
        }

        /** Per-member options, as {@link JnatsdCluster.Builder#configure}. */
        public Builder configure(BiConsumer<Integer, JnatsdServer.Builder> perMember) {
            cluster.configure(perMember);
            return this;
        }

        /** Starts the members (and their proxies) and returns once the mesh is complete. */
        public NatsTestCluster start() throws InterruptedException {
            if (!faultInjection) {
                return new NatsTestCluster(cluster.start(), null);
            }
            ClusterNetwork network = new ClusterNetwork(size);
            cluster.routeVia(network::routeAddress).clientVia(network::clientAddress);
            JnatsdCluster members = cluster.build();
            try {
                network.open(members);
                return new NatsTestCluster(members.start(), network);
            } catch (RuntimeException | InterruptedException e) {
                network.close();
                throw e;
            }
        }
    }
}
