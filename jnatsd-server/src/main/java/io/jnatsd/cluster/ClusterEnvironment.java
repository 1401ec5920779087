package io.jnatsd.cluster;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.MessageRouter;
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

    /** The set of peers' client URLs changed: clients must hear of it. */
    void peerClientUrlsChanged();

    void routeSlowConsumer();
}
