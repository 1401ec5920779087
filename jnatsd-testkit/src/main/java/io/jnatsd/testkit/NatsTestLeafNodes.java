package io.jnatsd.testkit;

import io.jnatsd.JnatsdLeafNodes;
import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A jnatsd hub and its leaf nodes for one test or test class: what a {@link NatsLeafNodes} field
 * or parameter receives. With fault injection each leaf's connection to the hub passes through an
 * in-JVM proxy of its own, and the methods below break one leaf's link the way edge networks
 * break.
 *
 * <p>What a jnats client observes: a cut leaf link stops messages and replies between that leaf
 * and the hub (and, through the hub, the other leafs) while both sides keep serving their own
 * clients; once healed, the leaf reconnects within its reconnect delay (1 s) and interest is
 * exchanged again. Latency delays each direction of the leaf's link; a stall holds bytes without
 * closing anything until the link's pings time out.
 */
public final class NatsTestLeafNodes implements AutoCloseable {
    private final JnatsdLeafNodes leafNodes;
    private final LeafNetwork network;
    private final OwnedConnections connections = new OwnedConnections();

    private NatsTestLeafNodes(JnatsdLeafNodes leafNodes, LeafNetwork network) {
        this.leafNodes = leafNodes;
        this.network = network;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The embedded hub and leafs, for everything else. */
    public JnatsdLeafNodes jnatsd() {
        return leafNodes;
    }

    public JnatsdServer hub() {
        return leafNodes.hub();
    }

    public JnatsdServer leaf(String name) {
        return leafNodes.leaf(name);
    }

    public JnatsdServer leaf(int index) {
        return leafNodes.leaf(index);
    }

    public List<String> leafNames() {
        return leafNodes.leafNames();
    }

    /** A jnats connection to the hub, closed with this handle; {@code userAndPassword} as {@code "user:password"} or null. */
    public Connection connectHub(String userAndPassword) throws IOException, InterruptedException {
        return connections.add(JnatsConnections.connect(List.of(withUser(hub().clientUrl(), userAndPassword)), true));
    }

    /** A jnats connection to a leaf, closed with this handle. */
    public Connection connectLeaf(String leaf, String userAndPassword) throws IOException, InterruptedException {
        return connections.add(JnatsConnections.connect(List.of(withUser(leaf(leaf).clientUrl(), userAndPassword)), true));
    }

    private static String withUser(String url, String userAndPassword) {
        return userAndPassword == null ? url : url.replace("nats://", "nats://" + userAndPassword + "@");
    }

    // ---- hub lifecycle -----------------------------------------------------------------------------

    /** Shuts the hub down; the leafs keep dialing it and serve their own clients meanwhile. */
    public void stopHub() {
        leafNodes.stopHub();
    }

    /** Kills the hub: with fault injection its leaf connections are reset before it stops. */
    public void killHub() {
        if (network != null) {
            network.hubDown(true);
        }
        leafNodes.stopHub();
    }

    /** Starts the stopped hub on its old ports; returns once every leaf not cut is connected again. */
    public void restartHub() throws InterruptedException {
        leafNodes.restartHub();
        awaitLeafs();
    }

    // ---- leaf link faults ----------------------------------------------------------------------------

    /** Cuts a leaf's link: the open connection is reset and new ones hang; returns once both ends dropped it. */
    public void cutLeaf(String leaf) throws InterruptedException {
        faults().link(leaf).cut();
        awaitLeafs();
    }

    /** Heals a cut; returns once the leaf is connected to the hub again. */
    public void healLeaf(String leaf) throws InterruptedException {
        faults().link(leaf).heal();
        awaitLeafs();
    }

    /** Adds a one-way delay to every byte of a leaf's link. */
    public void leafLatency(String leaf, Duration oneWay) {
        faults().link(leaf).latency(oneWay);
    }

    /** Freezes a leaf's link without closing it. */
    public void stallLeaf(String leaf) {
        faults().link(leaf).stall(true);
    }

    public void resumeLeaf(String leaf) {
        faults().link(leaf).stall(false);
    }

    private LeafNetwork faults() {
        if (network == null) {
            throw new IllegalStateException("fault injection is off for these leaf nodes: "
                    + "use @NatsLeafNodes(faultInjection = true) or builder().faultInjection(true)");
        }
        return network;
    }

    /** Waits until every leaf whose link is not cut is connected, and the cut ones are not. */
    public void awaitLeafs() throws InterruptedException {
        leafNodes.awaitLeafs(leafNodes.readyTimeout(), leaf -> network == null || !network.link(leaf).isCut());
    }

    @Override
    public void close() {
        connections.closeAll();
        leafNodes.close();
        if (network != null) {
            network.close();
        }
    }

    @Override
    public String toString() {
        return "NatsTestLeafNodes" + leafNodes.leafNames();
    }

    /** Describes a test hub with leafs; {@link #start} starts it. */
    public static final class Builder {
        private final JnatsdLeafNodes.Builder plan = JnatsdLeafNodes.builder();
        private String[] names = {"leaf"};
        private boolean faultInjection;

        private Builder() {
        }

        public Builder leafs(String... leafNames) {
            plan.leafs(leafNames);
            this.names = leafNames.clone();
            return this;
        }

        /** Puts each leaf's connection to the hub through a proxy of its own. */
        public Builder faultInjection(boolean enabled) {
            this.faultInjection = enabled;
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            plan.readyTimeout(timeout);
            return this;
        }

        /** As {@link JnatsdLeafNodes.Builder#configureHub}. */
        public Builder configureHub(Consumer<JnatsdServer.Builder> adjust) {
            plan.configureHub(adjust);
            return this;
        }

        /** As {@link JnatsdLeafNodes.Builder#configureLeaf}. */
        public Builder configureLeaf(BiConsumer<String, JnatsdServer.Builder> adjust) {
            plan.configureLeaf(adjust);
            return this;
        }

        public Builder credentials(String leafUser, String leafPassword) {
            plan.credentials(leafUser, leafPassword);
            return this;
        }

        public Builder localAccount(String account) {
            plan.localAccount(account);
            return this;
        }

        /** Starts the proxies, the hub and the leafs; returns once every leaf is connected. */
        public NatsTestLeafNodes start() throws InterruptedException {
            LeafNetwork network = faultInjection ? new LeafNetwork(List.of(names)) : null;
            if (network != null) {
                plan.leafVia(network::address);
            }
            JnatsdLeafNodes leafNodes = plan.build();
            NatsTestLeafNodes handle = new NatsTestLeafNodes(leafNodes, network);
            try {
                if (network != null) {
                    network.open(leafNodes);
                }
                leafNodes.start();
                return handle;
            } catch (RuntimeException | InterruptedException e) {
                handle.close();
                throw e;
            }
        }
    }
}
