package io.jnatsd.gateway;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.RouteLink;
import io.netty.channel.EventLoopGroup;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/** What the gateway layer needs from the server around it (implemented by the server layer). */
public interface GatewayEnvironment {
    ServerOptions options();

    String serverId();

    String serverName();

    EventLoopGroup eventLoops();

    /** Gateway ids share the number space of client ids, as nats-server's cid/gid do. */
    long nextConnectionId();

    MessageRouter router();

    /** A gateway connection was closed as a slow consumer (counted in {@code /varz slow_consumer_stats}). */
    void gatewaySlowConsumer();

    /** The account of that name, or null when this server does not have it. */
    Account account(String name);

    Collection<Account> allAccounts();

    /**
     * A route to the server of this cluster whose ID passes {@code serverId} and that carries every
     * account (no pinned connection), or null when there is none.
     */
    RouteLink routeTo(Predicate<String> serverId);

    /**
     * Tells every route peer the URLs of a remote gateway this server has an outbound connection to
     * (GATEWAYS.md §2.3, the {@code gateway_cmd:1} route INFO).
     */
    void gossipToRoutes(String gateway, List<String> urls);
}
