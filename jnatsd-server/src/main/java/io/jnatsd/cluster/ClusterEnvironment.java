package io.jnatsd.cluster;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.Subscription;
import io.netty.channel.EventLoopGroup;
import java.util.Collection;
import java.util.List;

/** What the cluster layer needs from the server around it (implemented by the server layer). */
public interface ClusterEnvironment {
    ServerOptions options();

    String serverId();

    String serverName();

    EventLoopGroup eventLoops();

    /** Route ids share the number space of client ids, as nats-server's cid/rid do. */
    long nextConnectionId();

    MessageRouter router();

    /** The account of that name, or null when this server does not have it. */
    Account account(String name);

    Collection<Account> allAccounts();

    /** This server's own client URLs ({@code host:port}), advertised to peers. */
    List<String> clientConnectUrls();

    /** This server's own websocket client URLs, advertised to peers; empty without a websocket listener. */
    default List<String> websocketConnectUrls() {
        return List.of();
    }

    /** This server's leaf node URL for peers to pass on to their leafs; empty without one (or with no_advertise). */
    default List<String> leafNodeUrls() {
        return List.of();
    }

    /** The set of peers' client, websocket or leaf node URLs changed: clients and leafs must hear of it. */
    void peerClientUrlsChanged();

    void routeSlowConsumer();

    /** This server's gateway URL, put in every route INFO (GATEWAYS.md §2.3); null without gateways. */
    default String gatewayUrl() {
        return null;
    }

    /**
     * A new route peer registered, announcing its gateway URL (or null): returns the route INFO
     * lines that tell it the remote gateways this server is connected to (may be empty).
     */
    default String routePeerJoined(String peerGatewayUrl) {
        return "";
    }

    /** A route INFO about gateways ({@code gateway_cmd}), for the gateway layer. */
    default void routeGatewayGossip(String gateway, List<String> urls, int command, String fromServer) {
    }

    /** A route peer announced interest (it is in the account's index now): gateways tally it. */
    default void routeInterestAdded(Account account, Subscription subscription) {
    }

    /** A route peer's interest left the account's index (RS- or the route closed). */
    default void routeInterestRemoved(Account account, Subscription subscription) {
    }

    /** A route peer re-announced a queue weight: {@code delta} members more (or fewer) behind it. */
    default void routeInterestWeightChanged(Account account, Subscription subscription, int delta) {
    }
}
