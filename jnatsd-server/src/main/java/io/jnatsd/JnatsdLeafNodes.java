package io.jnatsd;

import io.jnatsd.config.LeafNodeOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.leaf.LeafNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A hub and its leaf nodes in this JVM (LEAFNODES.md): the embedding facade for edge code. The hub
 * listens for leaf nodes on 127.0.0.1 (an ephemeral port unless its configuration names one); each
 * leaf is a server of its own with one remote that dials the hub. {@link Builder#start} returns once
 * every leaf is connected on both ends.
 *
 * <pre>{@code
 * try (JnatsdLeafNodes edge = JnatsdLeafNodes.builder().leafs("store-1", "store-2").start()) {
 *     Connection hub = Nats.connect(edge.hub().clientUrl());
 *     Connection store = Nats.connect(edge.leaf("store-1").clientUrl());
 * }
 * }</pre>
 *
 * <p>Accounts: by default both ends use the global account and the hub has no leaf users. Give the
 * hub {@code leafnodes { authorization { users: [...] } }} in {@link Builder#configureHub} and the
 * leafs the matching {@link Builder#credentials}; {@link Builder#localAccount} binds each leaf's
 * remote to an account of the leaf. The hub restarts on its old client and leafnode ports, so the
 * leafs, which keep dialing their remote, come back by themselves.
 */
public final class JnatsdLeafNodes implements AutoCloseable {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Builder plan;
    private final Map<String, JnatsdServer> leafs = new LinkedHashMap<>();
    private ServerOptions hubOptions;
    private JnatsdServer hub;

    private JnatsdLeafNodes(Builder plan) {
        this.plan = plan;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the hub, then every leaf, and returns once each leaf is connected on both ends. */
    public JnatsdLeafNodes start() throws InterruptedException {
        try {
            JnatsdServer.Builder hubBuilder = JnatsdServer.builder().host("127.0.0.1").port(-1);
            plan.configureHub.accept(hubBuilder);
            ServerOptions configured = hubBuilder.build();
            LeafNodeOptions listening = listening(configured.leafnodes());
            if (plan.leafVia != null) {
                // leafs dial the hub through their addresses only: learning its own URL from its
                // INFO (leafnode_urls), a leaf would bypass them on its next reconnect
                listening = listening.unadvertised();
            }
            hubOptions = configured.toBuilder().leafnodes(listening).build();
            hub = JnatsdServer.start(hubOptions);
            // a restart binds the same ports again: the leafs keep dialing the one they were given
            hubOptions = hubOptions.toBuilder().port(hub.port())
                    .leafnodes(listening.withListen(listening.host(), hub.server().leafNodes().listenPort())).build();
            for (String name : plan.leafNames) {
                leafs.put(name, startLeaf(name));
            }
            awaitLeafs(plan.readyTimeout);
            return this;
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /** The hub's leafnode block, listening on 127.0.0.1 and an ephemeral port when it does not say where. */
    private static LeafNodeOptions listening(LeafNodeOptions configured) {
        if (configured == null) {
            return parsedLeafnodes("leafnodes { host: 127.0.0.1, port: -1 }");
        }
        return configured.listening() ? configured : configured.withListen("127.0.0.1", -1);
    }

    private JnatsdServer startLeaf(String name) throws InterruptedException {
        JnatsdServer.Builder builder = JnatsdServer.builder().host("127.0.0.1").port(-1).serverName(name);
        plan.configureLeaf.accept(name, builder);
        String target = plan.leafVia == null ? "127.0.0.1:" + hubLeafPort() : plan.leafVia.address(name);
        String userInfo = plan.user == null ? "" : plan.user + ":" + plan.password + "@";
        String account = plan.localAccount == null ? "" : ", account: \"" + plan.localAccount + "\"";
        LeafNodeOptions remote = parsedLeafnodes("leafnodes { remotes: [ { url: \"nats://" + userInfo + target + "\""
                + account + " } ] }");
        LeafNodeOptions own = builder.build().leafnodes();
        builder.options().leafnodes(own == null ? remote : own.withRemotes(remote.remotes()));
        return builder.start();
    }

    /** A leafnodes block read the way a configuration file is, so every default is the reader's. */
    private static LeafNodeOptions parsedLeafnodes(String block) {
        return JnatsdServer.builder().configString(block).build().leafnodes();
    }

    // ---- servers ---------------------------------------------------------------------------------

    /** The hub: the running server, or the stopped one until {@link #restartHub}. */
    public JnatsdServer hub() {
        return hub;
    }

    /** The hub's bound leafnode port. */
    public int hubLeafPort() {
        return hubOptions.leafnodes().port();
    }

    public List<String> leafNames() {
        return plan.leafNames;
    }

    public JnatsdServer leaf(String name) {
        JnatsdServer leaf = leafs.get(name);
        if (leaf == null) {
            throw new IllegalArgumentException("no leaf named " + name + " in " + plan.leafNames);
        }
        return leaf;
    }

    public JnatsdServer leaf(int index) {
        return leaf(plan.leafNames.get(index));
    }

    public List<JnatsdServer> leafs() {
        return List.copyOf(leafs.values());
    }

    public Duration readyTimeout() {
        return plan.readyTimeout;
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /** Shuts the hub down; the leafs keep dialing it. */
    public void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    /** Starts a stopped hub on its old client and leafnode ports; returns once it is ready, before the leafs are back. */
    public void restartHub() throws InterruptedException {
        if (hubRunning()) {
            throw new IllegalStateException("the hub is running; stop it first");
        }
        hub = JnatsdServer.start(hubOptions);
    }

    /** Whether the hub is started and not stopped. */
    public boolean hubRunning() {
        return hub != null && !hub.server().shuttingDown();
    }

    // ---- the leaf connections --------------------------------------------------------------------

    /** Whether every leaf has its hub connection and the hub one connection per leaf. */
    public boolean leafsConnected() {
        return leafsConnected(name -> true);
    }

    /** As {@link #leafsConnected()}, counting only the leafs {@code expected} accepts (a test that cut one leaves it out). */
    public boolean leafsConnected(LeafSelection expected) {
        if (!hubRunning()) {
            return false;
        }
        int wanted = 0;
        for (Map.Entry<String, JnatsdServer> leaf : leafs.entrySet()) {
            LeafNodes own = leaf.getValue().server().leafNodes();
            int connections = own == null || leaf.getValue().server().shuttingDown() ? 0 : own.connectionCount();
            boolean want = expected.connected(leaf.getKey());
            if (connections != (want ? 1 : 0)) {
                return false;
            }
            wanted += want ? 1 : 0;
        }
        return hub.server().leafNodes().connectionCount() == wanted;
    }

    public void awaitLeafs() throws InterruptedException {
        awaitLeafs(plan.readyTimeout);
    }

    public void awaitLeafs(Duration timeout) throws InterruptedException {
        awaitLeafs(timeout, name -> true);
    }

    /** Waits until {@link #leafsConnected(LeafSelection)}, or fails with the connection counts after {@code timeout}. */
    public void awaitLeafs(Duration timeout, LeafSelection expected) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!leafsConnected(expected)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("leaf nodes not connected after " + timeout.toMillis() + " ms: " + counts());
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private String counts() {
        List<String> counts = new ArrayList<>();
        counts.add("hub: " + (hubRunning() ? hub.server().leafNodes().connectionCount() + " leafs" : "stopped"));
        leafs.forEach((name, leaf) -> counts.add(name + ": " + (leaf.server().shuttingDown() ? "stopped"
                : leaf.server().leafNodes().connectionCount() + " hub connections")));
        return String.join(", ", counts);
    }

    @Override
    public void close() {
        leafs.values().forEach(JnatsdServer::close);
        if (hub != null) {
            hub.close();
        }
    }

    /** Which leafs a wait expects to be connected. */
    @FunctionalInterface
    public interface LeafSelection {
        boolean connected(String leaf);
    }

    /** Where a leaf dials the hub's leafnode port instead of directly, as {@code host:port} (a proxy). */
    @FunctionalInterface
    public interface LeafAddresses {
        String address(String leaf);
    }

    /** Describes a hub and its leafs; {@link #start} starts them. */
    public static final class Builder {
        private List<String> leafNames = List.of("leaf");
        private Duration readyTimeout = Duration.ofSeconds(15);
        private Consumer<JnatsdServer.Builder> configureHub = builder -> { };
        private BiConsumer<String, JnatsdServer.Builder> configureLeaf = (name, builder) -> { };
        private String user;
        private String password;
        private String localAccount;
        private LeafAddresses leafVia;

        private Builder() {
        }

        /** The leafs' server names (default one leaf, {@code leaf}). */
        public Builder leafs(String... names) {
            if (names.length < 1 || List.of(names).stream().distinct().count() != names.length) {
                throw new IllegalArgumentException("leaf nodes need distinct names, not " + List.of(names));
            }
            this.leafNames = List.of(names);
            return this;
        }

        /** How long {@link #start} and {@link #awaitLeafs()} wait (default 15 s). */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /** Adjusts the hub's options (accounts, leaf users, monitoring) before it starts. */
        public Builder configureHub(Consumer<JnatsdServer.Builder> adjust) {
            this.configureHub = adjust;
            return this;
        }

        /** Adjusts a leaf's options before the facade adds its remote to the hub. */
        public Builder configureLeaf(BiConsumer<String, JnatsdServer.Builder> adjust) {
            this.configureLeaf = adjust;
            return this;
        }

        /** The leaf user every leaf authenticates as on the hub (put into its remote URL). */
        public Builder credentials(String leafUser, String leafPassword) {
            this.user = leafUser;
            this.password = leafPassword;
            return this;
        }

        /** The account of each leaf its remote is bound to (default the global account). */
        public Builder localAccount(String account) {
            this.localAccount = account;
            return this;
        }

        /** Where each leaf dials instead of the hub's leafnode port (a proxy in front of it). */
        public Builder leafVia(LeafAddresses addresses) {
            this.leafVia = addresses;
            return this;
        }

        /** Not started: the proxies of {@link #leafVia} can be bound first. */
        public JnatsdLeafNodes build() {
            return new JnatsdLeafNodes(this);
        }

        public JnatsdLeafNodes start() throws InterruptedException {
            return build().start();
        }
    }
}
