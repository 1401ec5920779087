package io.jnatsd;

import io.jnatsd.config.GatewayOptions;
import io.jnatsd.config.TlsOptions;
import io.jnatsd.gateway.GatewayView;
import io.jnatsd.gateway.Gateways;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Several {@link JnatsdCluster}s in this JVM joined by gateways: the embedding facade for
 * multi-region code. {@link Builder#start} returns once every cluster is meshed and every
 * member of every cluster has an outbound gateway to every other cluster.
 *
 * <pre>{@code
 * try (JnatsdSupercluster regions = JnatsdSupercluster.builder().clusters("east", "west").clusterSize(2).start()) {
 *     Connection east = Nats.connect(regions.cluster("east").connectString());
 *     Connection west = Nats.connect(regions.cluster("west").connectString());
 * }
 * }</pre>
 *
 * <p>Clusters start in order; each member of cluster {@code k} lists, for every cluster started
 * before it, only that cluster's first member as a seed gateway. The rest of the gateway mesh
 * forms the way it does in production: the seeded cluster dials back and gateway URLs are
 * gossiped (GATEWAYS.md §2). A restarted member binds its old gateway port again.
 */
public final class JnatsdSupercluster implements AutoCloseable {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Builder plan;
    private final List<JnatsdCluster> clusters = new ArrayList<>();

    private JnatsdSupercluster(Builder plan) {
        this.plan = plan;
        for (int k = 0; k < plan.names.size(); k++) {
            int cluster = k;
            JnatsdCluster.Builder members = JnatsdCluster.builder()
                    .name(plan.names.get(k))
                    .size(plan.clusterSize)
                    .readyTimeout(plan.readyTimeout)
                    .configure((index, member) -> {
                        plan.configure.accept(new Member(plan.names.get(cluster), cluster, index), member);
                        member.options().gateway(gatewayFor(cluster, index));
                    });
            plan.perCluster.accept(k, members);
            clusters.add(members.build());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the clusters in order and returns once the gateway mesh is complete. */
    public JnatsdSupercluster start() throws InterruptedException {
        try {
            for (JnatsdCluster cluster : clusters) {
                cluster.start();
            }
            awaitGateways(plan.readyTimeout);
            return this;
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private GatewayOptions gatewayFor(int cluster, int index) {
        List<GatewayOptions.RemoteGateway> seeds = new ArrayList<>();
        for (int earlier = 0; earlier < cluster; earlier++) {
            seeds.add(new GatewayOptions.RemoteGateway(plan.names.get(earlier),
                    List.of(URI.create("nats://" + gatewayAddress(earlier, 0))), null));
        }
        String advertise = plan.gatewayVia == null ? null : plan.gatewayVia.address(cluster, index);
        return new GatewayOptions(plan.names.get(cluster), "127.0.0.1", -1, advertise, 0, null, null,
                plan.gatewayTls == null ? GatewayOptions.DEFAULT_AUTH_TIMEOUT : plan.gatewayTls.timeout().plusSeconds(1),
                plan.gatewayTls, false, seeds);
    }

    /** Where the other clusters reach a member's gateway port (its proxy when one is set). */
    private String gatewayAddress(int cluster, int index) {
        if (plan.gatewayVia != null) {
            return plan.gatewayVia.address(cluster, index);
        }
        return clusters.get(cluster).member(index).server().gateways().url();
    }

    // ---- clusters ----------------------------------------------------------------------------------

    public List<String> names() {
        return plan.names;
    }

    public List<JnatsdCluster> clusters() {
        return List.copyOf(clusters);
    }

    public JnatsdCluster cluster(int index) {
        return clusters.get(index);
    }

    public JnatsdCluster cluster(String name) {
        int index = plan.names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no cluster named " + name + " in " + plan.names);
        }
        return clusters.get(index);
    }

    /** The builder's ready timeout: how long start and {@link #awaitGateways()} wait. */
    public Duration readyTimeout() {
        return plan.readyTimeout;
    }

    // ---- the gateway mesh ----------------------------------------------------------------------

    /**
     * Whether the gateway mesh among running members is complete: each one has an outbound
     * gateway to every other cluster with a running member, and each cluster accepted one
     * inbound gateway from every running member of every other cluster.
     */
    public boolean gatewaysMeshed() {
        return gatewaysMeshed((a, b) -> true);
    }

    /** As {@link #gatewaysMeshed()}, counting only the cluster pairs {@code expected} accepts. */
    public boolean gatewaysMeshed(ClusterPairs expected) {
        for (int a = 0; a < clusters.size(); a++) {
            Map<String, Integer> inbound = new HashMap<>();
            List<String> reachable = new ArrayList<>();
            for (int b = 0; b < clusters.size(); b++) {
                if (b != a && runningCount(b) > 0 && expected.connected(a, b)) {
                    reachable.add(plan.names.get(b));
                }
            }
            for (int i = 0; i < plan.clusterSize; i++) {
                if (!clusters.get(a).running(i)) {
                    continue;
                }
                Gateways gateways = clusters.get(a).member(i).server().gateways();
                List<String> outbound = new ArrayList<>();
                for (GatewayView view : gateways.outboundViews()) {
                    outbound.add(view.gateway());
                }
                if (outbound.size() != reachable.size() || !outbound.containsAll(reachable)) {
                    return false;
                }
                for (GatewayView view : gateways.inboundViews()) {
                    inbound.merge(view.gateway(), 1, Integer::sum);
                }
            }
            for (int b = 0; b < clusters.size(); b++) {
                String name = plan.names.get(b);
                int want = reachable.contains(name) ? runningCount(b) : 0;
                if (runningCount(a) > 0 && inbound.getOrDefault(name, 0) != want) {
                    return false;
                }
            }
        }
        return true;
    }

    private int runningCount(int cluster) {
        int running = 0;
        for (int i = 0; i < plan.clusterSize; i++) {
            if (clusters.get(cluster).running(i)) {
                running++;
            }
        }
        return running;
    }

    /** Waits until {@link #gatewaysMeshed()}; fails with each member's gateway counts after {@code timeout}. */
    public void awaitGateways(Duration timeout) throws InterruptedException {
        awaitGateways(timeout, (a, b) -> true);
    }

    public void awaitGateways() throws InterruptedException {
        awaitGateways(plan.readyTimeout);
    }

    /** Waits until {@link #gatewaysMeshed(ClusterPairs)}, or fails after {@code timeout}. */
    public void awaitGateways(Duration timeout, ClusterPairs expected) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!gatewaysMeshed(expected)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gateways not meshed after " + timeout.toMillis() + " ms: " + gatewayCounts());
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private String gatewayCounts() {
        StringBuilder counts = new StringBuilder();
        for (int k = 0; k < clusters.size(); k++) {
            for (int i = 0; i < plan.clusterSize; i++) {
                counts.append(counts.length() == 0 ? "" : ", ").append(plan.names.get(k)).append('-').append(i).append(": ");
                if (clusters.get(k).running(i)) {
                    Gateways gateways = clusters.get(k).member(i).server().gateways();
                    counts.append(gateways.outboundViews().size()).append(" out/")
                            .append(gateways.inboundViews().size()).append(" in");
                } else {
                    counts.append("stopped");
                }
            }
        }
        return counts.toString();
    }

    @Override
    public void close() {
        for (JnatsdCluster cluster : clusters) {
            cluster.close();
        }
    }

    /** A member being configured: its cluster's name and index, and its index in that cluster. */
    public record Member(String clusterName, int cluster, int index) {
    }

    /** Which cluster pairs a wait expects to be joined (a test that cut a gateway leaves that pair out). */
    @FunctionalInterface
    public interface ClusterPairs {
        boolean connected(int a, int b);
    }

    /** Where other clusters reach a member's gateway port, as {@code host:port}. */
    @FunctionalInterface
    public interface GatewayAddresses {
        String address(int cluster, int member);
    }

    /** Describes a supercluster; {@link #start} starts it. */
    public static final class Builder {
        private List<String> names = List.of("A", "B");
        private int clusterSize = 1;
        private Duration readyTimeout = Duration.ofSeconds(15);
        private BiConsumer<Member, JnatsdServer.Builder> configure = (member, builder) -> { };
        private BiConsumer<Integer, JnatsdCluster.Builder> perCluster = (cluster, builder) -> { };
        private GatewayAddresses gatewayVia;
        private TlsOptions gatewayTls;

        private Builder() {
        }

        /** The clusters' names, which are also their gateway names (default A, B). */
        public Builder clusters(String... clusterNames) {
            if (clusterNames.length < 1 || List.of(clusterNames).stream().distinct().count() != clusterNames.length) {
                throw new IllegalArgumentException("a supercluster needs distinct cluster names, not " + List.of(clusterNames));
            }
            this.names = List.of(clusterNames);
            return this;
        }

        /** Members per cluster (default 1). */
        public Builder clusterSize(int members) {
            if (members < 1) {
                throw new IllegalArgumentException("a cluster needs at least one member, not " + members);
            }
            this.clusterSize = members;
            return this;
        }

        /** How long {@link #start} waits for routes and gateways (default 15 s). */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /**
         * Adjusts each member's options (accounts, auth, a config string) before the supercluster
         * sets its cluster and gateway blocks.
         */
        public Builder configure(BiConsumer<Member, JnatsdServer.Builder> perMember) {
            this.configure = perMember;
            return this;
        }

        /** Adjusts each cluster's builder (topology, route and client proxies) before it is built. */
        public Builder perCluster(BiConsumer<Integer, JnatsdCluster.Builder> adjust) {
            this.perCluster = adjust;
            return this;
        }

        /**
         * The {@code host:port} through which other clusters reach a member's gateway (a proxy).
         * Seeds point there and each member advertises it, so gossip leads there too.
         */
        public Builder gatewayVia(GatewayAddresses addresses) {
            this.gatewayVia = addresses;
            return this;
        }

        /**
         * TLS on every gateway connection: each member's gateway block uses {@code tls}, which its
         * seeds and the remotes it learns inherit. Gateway TLS is mutual: {@code tls} names this
         * member's certificate, which the other clusters check against their CA, and the reverse.
         */
        public Builder gatewayTls(TlsOptions tls) {
            this.gatewayTls = tls;
            return this;
        }

        /** The supercluster, not started: its clusters are built, so proxies can look them up. */
        public JnatsdSupercluster build() {
            return new JnatsdSupercluster(this);
        }

        public JnatsdSupercluster start() throws InterruptedException {
            return build().start();
        }
    }
}
