package io.jnatsd;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.GatewayOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.cluster.Cluster;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * N jnatsd servers in this JVM, routed into one cluster: the embedding facade for clusters.
 * {@link Builder#start} returns once every member has a route to every other member and each
 * route pool is full, so a test can publish on one member and expect delivery on another.
 *
 * <pre>{@code
 * try (JnatsdCluster cluster = JnatsdCluster.builder().size(3).start()) {
 *     Connection nc = Nats.connect(cluster.connectString());
 * }
 * }</pre>
 *
 * <p>Members start one after another on ephemeral ports; member {@code i} is configured with
 * routes to members that are already running ({@link Topology}). A stopped member restarts on
 * the ports it had, so the routes its peers keep re-dialing find it again.
 */
public final class JnatsdCluster implements AutoCloseable {
    /** How members find each other. Both end in a full mesh; they differ after a route breaks. */
    public enum Topology {
        /**
         * Member {@code i} has explicit routes to every member before it, so every pair has one
         * side that re-dials it forever (every second) when it breaks, as with a static config.
         */
        EXPLICIT,
        /**
         * Every member routes to member 0 only and learns the others by gossip. Gossiped routes
         * are implicit: when one breaks it is retried {@code connect_retries} times, not forever.
         */
        SEED
    }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final AtomicReferenceArray<JnatsdServer> members;
    private final ServerOptions[] memberOptions;
    /** Ports each member bound first: client, cluster, monitoring, gateway; a restart binds them again. */
    private final int[][] boundPorts;
    private final Builder plan;

    private JnatsdCluster(Builder plan) {
        this.plan = plan;
        this.members = new AtomicReferenceArray<>(plan.size);
        this.memberOptions = new ServerOptions[plan.size];
        this.boundPorts = new int[plan.size][];
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the members one after another and returns once they are fully meshed. A cluster
     * from {@link Builder#build} is not started yet, which lets wiring around it (proxies that
     * look members up) exist before the first member dials.
     */
    public JnatsdCluster start() throws InterruptedException {
        if (members.get(0) != null) {
            throw new IllegalStateException("cluster already started");
        }
        try {
            for (int i = 0; i < plan.size; i++) {
                memberOptions[i] = optionsFor(i);
                JnatsdServer member = launch(i, memberOptions[i]);
                boundPorts[i] = new int[] {member.port(), member.server().cluster().listenPort(), member.monitorPort(),
                        member.server().gateways() == null ? 0 : member.server().gateways().listenPort()};
            }
            awaitMeshed(plan.readyTimeout);
            return this;
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private ServerOptions optionsFor(int index) {
        JnatsdServer.Builder member = JnatsdServer.builder().serverName(plan.name + "-" + index);
        plan.configure.accept(index, member);
        ServerOptions.Builder options = member.options();
        ClusterOptions configured = options.cluster();
        ClusterOptions cluster = configured == null ? ClusterOptions.listen("127.0.0.1", 0)
                : configured.withAddress(configured.host(), Math.max(0, configured.port()));
        if (cluster.name() == null) {
            cluster = cluster.withName(plan.name);
        }
        cluster = cluster.withRoutes(routesFor(index));
        if (plan.routeVia != null) {
            cluster = cluster.withAdvertise(plan.routeVia.apply(index), false);
        }
        options.cluster(cluster);
        if (plan.clientVia != null) {
            options.clientAdvertise(plan.clientVia.apply(index));
        }
        return options.build();
    }

    private List<URI> routesFor(int index) {
        List<URI> routes = new ArrayList<>();
        int peers = plan.topology == Topology.SEED ? Math.min(index, 1) : index;
        for (int peer = 0; peer < peers; peer++) {
            routes.add(URI.create("nats-route://" + routeAddress(peer)));
        }
        return routes;
    }

    /**
     * A restarted member dials every other member itself. Its peers may not re-dial it: one whose
     * surviving connection to it was accepted (the peer's own dial lost the duplicate race) can
     * drop the re-dial once a pool-filling attempt is refused while the member is down.
     */
    private List<URI> routesToEveryOther(int index) {
        List<URI> routes = new ArrayList<>();
        for (int peer = 0; peer < plan.size; peer++) {
            if (peer != index) {
                routes.add(URI.create("nats-route://" + routeAddress(peer)));
            }
        }
        return routes;
    }

    private String routeAddress(int index) {
        if (plan.routeVia != null) {
            return plan.routeVia.apply(index);
        }
        return "127.0.0.1:" + boundPorts[index][1];
    }

    /** Registers the member before it starts, so its server id is known while it dials. */
    private JnatsdServer launch(int index, ServerOptions options) throws InterruptedException {
        JnatsdServer server = JnatsdServer.create(options);
        members.set(index, server);
        server.startAll();
        return server;
    }

    // ---- members -------------------------------------------------------------------------------

    public int size() {
        return plan.size;
    }

    /**
     * Member {@code index}: the running server, the stopped one until it is restarted, or null
     * before it first starts.
     */
    public JnatsdServer member(int index) {
        return members.get(index);
    }

    public List<JnatsdServer> members() {
        List<JnatsdServer> all = new ArrayList<>();
        for (int i = 0; i < members.length(); i++) {
            all.add(members.get(i));
        }
        return all;
    }

    /** Whether a member is started and not stopped. */
    public boolean running(int index) {
        JnatsdServer member = members.get(index);
        return member != null && !member.server().shuttingDown() && member.server().cluster() != null
                && member.server().cluster().listenPort() > 0;
    }

    /** Every member's client URL ({@code nats://host:port}), in member order. */
    public List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < plan.size; i++) {
            urls.add(url(i));
        }
        return urls;
    }

    /** The client URL of one member, as its clients are told (the client advertise address when set). */
    public String url(int index) {
        return "nats://" + (plan.clientVia != null ? plan.clientVia.apply(index) : "127.0.0.1:" + boundPorts[index][0]);
    }

    /** Every member's client URL, comma separated, as {@code Nats.connect(String)} takes it. */
    public String connectString() {
        return String.join(",", urls());
    }

    /** The route connections a member keeps to each peer: the pool plus one per pinned account. */
    public int routesPerRemote(int index) {
        ServerOptions options = memberOptions[index];
        int poolSize = options.cluster().poolSize();
        if (poolSize < 0) {
            return 1;
        }
        Set<String> pinned = new LinkedHashSet<>(options.cluster().pinnedAccounts());
        if (options.systemAccountName() != null) {
            pinned.add(options.systemAccountName());
        }
        return (poolSize == 0 ? ClusterOptions.DEFAULT_POOL_SIZE : poolSize) + pinned.size();
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Shuts a member down (its clients and routes are closed); its peers keep re-dialing it. */
    public void stop(int index) {
        JnatsdServer member = members.get(index);
        if (member != null) {
            member.close();
        }
    }

    /**
     * Starts a stopped member again on the client, cluster, monitoring and gateway ports it had, with
     * explicit routes to every other member; returns once it is ready as a server, before its
     * routes are back (see {@link #awaitMeshed}).
     */
    public void restart(int index) throws InterruptedException {
        if (running(index)) {
            throw new IllegalStateException("member " + index + " is running; stop it first");
        }
        int[] ports = boundPorts[index];
        ServerOptions.Builder options = memberOptions[index].toBuilder().port(ports[0]);
        ClusterOptions cluster = memberOptions[index].cluster();
        options.cluster(cluster.withAddress(cluster.host(), ports[1]).withRoutes(routesToEveryOther(index)));
        if (ports[2] > 0) {
            options.httpPort(ports[2]);
        }
        GatewayOptions gateway = memberOptions[index].gateway();
        if (gateway != null) {
            // remote clusters learned this member's gateway URL and keep dialing it
            options.gateway(gateway.withListen(gateway.host(), ports[3]));
        }
        launch(index, options.build());
    }

    /** Whether every running member routes to every other running member with full pools. */
    public boolean meshed() {
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < plan.size; i++) {
            if (running(i)) {
                running.add(i);
            }
        }
        for (int i : running) {
            Cluster cluster = members.get(i).server().cluster();
            int peers = running.size() - 1;
            if (cluster.remoteCount() != peers || cluster.routes().size() != peers * routesPerRemote(i)) {
                return false;
            }
        }
        return true;
    }

    /** Waits until {@link #meshed}; fails with each member's route counts after {@code timeout}. */
    public void awaitMeshed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!meshed()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("cluster not meshed after " + timeout.toMillis() + " ms: " + routeCounts());
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Waits until {@link #meshed}, with the builder's ready timeout. */
    public void awaitMeshed() throws InterruptedException {
        awaitMeshed(plan.readyTimeout);
    }

    /** The builder's ready timeout: how long start and {@link #awaitMeshed()} wait for the routes. */
    public Duration readyTimeout() {
        return plan.readyTimeout;
    }

    private String routeCounts() {
        StringBuilder counts = new StringBuilder();
        for (int i = 0; i < plan.size; i++) {
            counts.append(i == 0 ? "" : ", ").append(plan.name).append('-').append(i).append(": ");
            if (running(i)) {
                Cluster cluster = members.get(i).server().cluster();
                counts.append(cluster.remoteCount()).append(" remotes/").append(cluster.routes().size()).append(" routes");
            } else {
                counts.append("stopped");
            }
        }
        return counts.toString();
    }

    @Override
    public void close() {
        for (int i = 0; i < members.length(); i++) {
            stop(i);
        }
    }

    /** Describes a cluster; {@link #start} starts it. */
    public static final class Builder {
        private int size = 3;
        private String name = "jnatsd";
        private Topology topology = Topology.EXPLICIT;
        private Duration readyTimeout = Duration.ofSeconds(10);
        private BiConsumer<Integer, JnatsdServer.Builder> configure = (index, member) -> { };
        private IntFunction<String> routeVia;
        private IntFunction<String> clientVia;

        private Builder() {
        }

        public Builder size(int members) {
            if (members < 1) {
                throw new IllegalArgumentException("a cluster needs at least one member, not " + members);
            }
            this.size = members;
            return this;
        }

        /** The cluster name; members are named {@code <name>-<index>} unless configured otherwise. */
        public Builder name(String clusterName) {
            this.name = clusterName;
            return this;
        }

        public Builder topology(Topology value) {
            this.topology = value;
            return this;
        }

        /** How long {@link #start} waits for the full mesh (default 10 s). */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /**
         * Adjusts each member's options before the cluster wiring is applied: a config file, auth,
         * pool size ({@code options().cluster(...)}). Host, listen port, routes and advertise
         * addresses of the cluster block are then set by the cluster.
         */
        public Builder configure(BiConsumer<Integer, JnatsdServer.Builder> perMember) {
            this.configure = perMember;
            return this;
        }

        /**
         * The {@code host:port} through which the other members reach member {@code i} (a proxy,
         * a NAT). Routes point there, and each member advertises it, so gossip leads there too.
         */
        public Builder routeVia(IntFunction<String> hostPort) {
            this.routeVia = hostPort;
            return this;
        }

        /** The {@code host:port} clients are given for member {@code i} (its {@code client_advertise}). */
        public Builder clientVia(IntFunction<String> hostPort) {
            this.clientVia = hostPort;
            return this;
        }

        /** The cluster, not started yet. */
        public JnatsdCluster build() {
            return new JnatsdCluster(this);
        }

        /** Starts the members and returns once they are fully meshed. */
        public JnatsdCluster start() throws InterruptedException {
            return build().start();
        }
    }
}
