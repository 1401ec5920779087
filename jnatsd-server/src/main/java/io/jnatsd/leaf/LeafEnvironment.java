package io.jnatsd.leaf;

import io.jnatsd.auth.AuthResult;
import io.jnatsd.auth.ConnectAttempt;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.Subscription;
import io.netty.channel.EventLoopGroup;

/** What the leaf node layer needs from the server around it (implemented by the server layer). */
public interface LeafEnvironment {
    ServerOptions options();

    String serverId();

    String serverName();

    EventLoopGroup eventLoops();

    /** Leaf ids share the number space of client ids, as nats-server's cid/lid do. */
    long nextConnectionId();

    MessageRouter router();

    /** The account of that name, or null when this server does not have it. */
    Account account(String name);

    /** Client authentication, used for leafs when {@code leafnodes.authorization} names no users. */
    AuthResult authenticate(ConnectAttempt attempt);

    /**
     * When a connecting leaf's user JWT belongs to an account this server does not know and its
     * resolver is fetching it (from the directory or the cluster peers): completes when the fetch
     * ends. Null when there is nothing to wait for.
     */
    java.util.concurrent.CompletableFuture<Boolean> leafAccountLookup(String userJwt);

    /**
     * Runs {@code join} (the leaf's registration) unless the account already has as many leaf
     * connections in the cluster as its leaf limit allows; returns whether it ran.
     */
    boolean joinLeafAccount(Account account, Runnable join);

    /** A leaf connection bound to {@code account} registered or closed: the account's leaf count changed. */
    void leafAccountChanged(String account);

    /**
     * Interest a leaf announced on a connection where this server is the hub: routes, gateways and
     * the other leaf connections hear of it as of a local subscription.
     */
    void leafInterestAdded(Account account, Subscription subscription);

    /** A leaf connection was closed as a slow consumer (counted in {@code /varz slow_consumer_stats}). */
    void leafSlowConsumer();

    void leafInterestRemoved(Account account, Subscription subscription);

    /** Such a leaf re-announced a queue weight: {@code delta} members more (or fewer) behind it. */
    void leafInterestWeightChanged(Account account, Subscription subscription, int delta);

    /** The route peers' leaf node URLs, for the {@code leafnode_urls} of leaf INFOs. */
    default java.util.List<String> peerLeafNodeUrls() {
        return java.util.List.of();
    }

    /** The route peers' websocket URLs, for the {@code ws_connect_urls} of leaf INFOs. */
    default java.util.List<String> peerWebsocketUrls() {
        return java.util.List.of();
    }
}
