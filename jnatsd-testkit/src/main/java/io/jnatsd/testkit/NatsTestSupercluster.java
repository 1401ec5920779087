package io.jnatsd.testkit;

import io.jnatsd.JnatsdServer;
import io.jnatsd.JnatsdSupercluster;
import io.nats.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * jnatsd clusters joined by gateways for one test or test class: what a
 * {@link NatsSupercluster} field or parameter receives. Clusters and their members are numbered
 * from 0. Each cluster is a {@link NatsTestCluster} (its route and client faults included); with
 * fault injection every gateway connection also passes through an in-JVM proxy, and the
 * gateway methods below break the link between two clusters (regions) the way WANs break.
 *
 * <p>What a jnats client observes: a cut gateway stops messages and replies between the two
 * clusters only (a message never crosses a second gateway, so there is no path through a third
 * cluster); latency delays each direction of every gateway between the two; a stall holds
 * bytes without closing anything until the gateway pings time out.
 */
public final class NatsTestSupercluster implements AutoCloseable {
    private final JnatsdSupercluster supercluster;
    private final List<NatsTestCluster> clusters;
    private final GatewayNetwork network;

    private NatsTestSupercluster(JnatsdSupercluster supercluster, List<NatsTestCluster> clusters, GatewayNetwork network) {
        this.supercluster = supercluster;
        this.clusters = clusters;
        this.network = network;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The embedded supercluster, for everything else. */
    public JnatsdSupercluster jnatsd() {
        return supercluster;
    }

    /** Cluster {@code index}, with its member lifecycle and route and client faults. */
    public NatsTestCluster cluster(int index) {
        return clusters.get(index);
    }

    public NatsTestCluster cluster(String name) {
        return clusters.get(index(name));
    }

    public int clusterCount() {
        return clusters.size();
    }

    /** The client URLs of one cluster, comma separated: what {@code Nats.connect(String)} takes. */
    public String url(int cluster) {
        return clusters.get(cluster).url();
    }

    /** A jnats connection to any member of {@code cluster}, closed with this handle. */
    public Connection connect(int cluster) throws IOException, InterruptedException {
        return clusters.get(cluster).connect();
    }

    /** A jnats connection to one member of {@code cluster}, closed with this handle. */
    public Connection connect(int cluster, int member) throws IOException, InterruptedException {
        return clusters.get(cluster).connect(member);
    }

    public JnatsdServer member(int cluster, int member) {
        return clusters.get(cluster).member(member);
    }

    // ---- member lifecycle ------------------------------------------------------------------------

    /** Shuts a member down; its routes, gateways and clients are closed as on shutdown. */
    public void stop(int cluster, int member) {
        if (network != null) {
            network.memberDown(cluster, member);
        }
        clusters.get(cluster).stop(member);
    }

    /**
     * Kills a member: with fault injection its route and client connections are reset before it
     * stops (see {@link NatsTestCluster#kill}); its gateways close as on shutdown.
     */
    public void kill(int cluster, int member) {
        if (network != null) {
            network.memberDown(cluster, member);
        }
        clusters.get(cluster).kill(member);
    }

    /** Starts a stopped member on its old ports; returns once its routes and gateways are back. */
    public void restart(int cluster, int member) throws InterruptedException {
        clusters.get(cluster).restart(member);
        if (network != null) {
            network.memberUp(cluster, member);
        }
        awaitGateways();
    }

    // ---- gateway faults --------------------------------------------------------------------------

    /**
     * Cuts every gateway between two clusters: open ones are reset and new ones hang. Returns
     * once no member of either cluster has a gateway to the other; other pairs are untouched.
     */
    public void cutGateway(int a, int b) throws InterruptedException {
        faults().link(a, b).cut();
        awaitGateways();
    }

    /** Heals a cut; returns once the gateway mesh between the two clusters is complete again. */
    public void healGateway(int a, int b) throws InterruptedException {
        faults().link(a, b).heal();
        awaitGateways();
    }

    /** Adds a one-way delay to every byte between two clusters' gateways. */
    public void gatewayLatency(int a, int b, Duration oneWay) {
        faults().link(a, b).latency(oneWay);
    }

    /** Freezes every gateway between two clusters without closing it. */
    public void stallGateway(int a, int b) {
        faults().link(a, b).stall(true);
    }

    public void resumeGateway(int a, int b) {
        faults().link(a, b).stall(false);
    }

    private GatewayNetwork faults() {
        if (network == null) {
            throw new IllegalStateException("fault injection is off for this supercluster: "
                    + "use @NatsSupercluster(faultInjection = true) or builder().faultInjection(true)");
        }
        return network;
    }

    /** Waits until every running member has a gateway to every cluster it is not cut from. */
    public void awaitGateways() throws InterruptedException {
        supercluster.awaitGateways(supercluster.readyTimeout(),
                (a, b) -> network == null || !network.link(a, b).isCut());
    }

    private int index(String name) {
        int index = supercluster.names().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no cluster named " + name + " in " + supercluster.names());
        }
        return index;
    }

    @Override
    public void close() {
        clusters.forEach(NatsTestCluster::close);
        if (network != null) {
            network.close();
        }
    }

    @Override
    public String toString() {
        return "NatsTestSupercluster" + supercluster.names();
    }

    /** Describes a test supercluster; {@link #start} starts it. */
    public static final class Builder {
        private final JnatsdSupercluster.Builder plan = JnatsdSupercluster.builder();
        private String[] names = {"A", "B"};
        private int clusterSize = 1;
        private boolean faultInjection;

        private Builder() {
        }

        public Builder clusters(String... clusterNames) {
            plan.clusters(clusterNames);
            this.names = clusterNames.clone();
            return this;
        }

        public Builder clusterSize(int members) {
            plan.clusterSize(members);
            this.clusterSize = members;
            return this;
        }

        /** Puts every gateway, route and client connection through proxies. */
        public Builder faultInjection(boolean enabled) {
            this.faultInjection = enabled;
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            plan.readyTimeout(timeout);
            return this;
        }

        /** Per-member options, as {@link JnatsdSupercluster.Builder#configure}. */
        public Builder configure(BiConsumer<JnatsdSupercluster.Member, JnatsdServer.Builder> perMember) {
            plan.configure(perMember);
            return this;
        }

        /** Starts the proxies and clusters and returns once the gateway mesh is complete. */
        public NatsTestSupercluster start() throws InterruptedException {
            GatewayNetwork gateways = faultInjection ? new GatewayNetwork(names.length, clusterSize) : null;
            ClusterNetwork[] routes = new ClusterNetwork[names.length];
            if (faultInjection) {
                plan.gatewayVia(gateways::address).perCluster((k, cluster) -> {
                    routes[k] = new ClusterNetwork(clusterSize);
                    cluster.routeVia(routes[k]::routeAddress).clientVia(routes[k]::clientAddress);
                });
            }
            JnatsdSupercluster supercluster = plan.build();
            List<NatsTestCluster> clusters = new ArrayList<>();
            for (int k = 0; k < names.length; k++) {
                clusters.add(new NatsTestCluster(supercluster.cluster(k), routes[k]));
            }
            NatsTestSupercluster handle = new NatsTestSupercluster(supercluster, clusters, gateways);
            try {
                if (faultInjection) {
                    gateways.open(supercluster);
                    for (int k = 0; k < names.length; k++) {
                        routes[k].open(supercluster.cluster(k));
                    }
                }
                supercluster.start();
                return handle;
            } catch (RuntimeException | InterruptedException e) {
                handle.close();
                throw e;
            }
        }
    }
}
