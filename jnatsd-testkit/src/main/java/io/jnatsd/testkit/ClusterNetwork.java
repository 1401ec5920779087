package io.jnatsd.testkit;

import io.jnatsd.JnatsdCluster;
import io.jnatsd.JnatsdServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The proxies between the members of a test cluster, and the links their connections follow.
 * Each member has a route proxy in front of its cluster port and a client proxy in front of
 * its client port. Members dial each other's route proxies (explicit routes) and advertise
 * their own, so gossip also leads through a proxy and no route bypasses the faults. A route
 * proxy learns which peer dialed from the route CONNECT, which picks the pair's link.
 * One event loop thread carries every proxied byte of the cluster.
 */
final class ClusterNetwork implements AutoCloseable {
    private volatile JnatsdCluster cluster;
    private final EventLoopGroup loops;
    private final TcpProxy[] routeProxies;
    private final TcpProxy[] clientProxies;
    private final Link[][] routeLinks;
    private final Link[] clientLinks;
    private final Link unidentified = new Link();

    ClusterNetwork(int size) {
        this.loops = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jnatsd-testkit-proxy", true),
                NioIoHandler.newFactory());
        this.routeProxies = new TcpProxy[size];
        this.clientProxies = new TcpProxy[size];
        this.routeLinks = new Link[size][size];
        this.clientLinks = new Link[size];
        for (int i = 0; i < size; i++) {
            int member = i;
            clientLinks[i] = new Link();
            for (int j = i + 1; j < size; j++) {
                routeLinks[i][j] = new Link();
                routeLinks[j][i] = routeLinks[i][j];
            }
            routeProxies[i] = new TcpProxy(loops, () -> clusterPort(member), line -> routeLinkFor(member, line),
                    TcpProxy.Identification.FIRST_LINE);
            clientProxies[i] = new TcpProxy(loops, () -> clientPort(member), line -> clientLinks[member],
                    TcpProxy.Identification.NONE);
        }
    }

    /**
     * Binds every proxy in front of the cluster's members; must happen before the members start,
     * as their routes point here.
     */
    void open(JnatsdCluster members) throws InterruptedException {
        this.cluster = members;
        for (int i = 0; i < routeProxies.length; i++) {
            routeProxies[i].open();
            clientProxies[i].open();
        }
    }

    String routeAddress(int member) {
        return routeProxies[member].address();
    }

    String clientAddress(int member) {
        return clientProxies[member].address();
    }

    Link route(int a, int b) {
        if (a == b) {
            throw new IllegalArgumentException("a route joins two different members, not " + a + " and itself");
        }
        return routeLinks[a][b];
    }

    Link clients(int member) {
        return clientLinks[member];
    }

    /** The member went down: its proxies refuse connections; with {@code reset}, open ones are reset. */
    void memberDown(int member, boolean reset) {
        routeProxies[member].close();
        clientProxies[member].close();
        if (reset) {
            clientLinks[member].resetAll();
            for (int peer = 0; peer < routeLinks.length; peer++) {
                if (peer != member) {
                    routeLinks[member][peer].resetAll();
                }
            }
        }
    }

    void memberUp(int member) throws InterruptedException {
        routeProxies[member].open();
        clientProxies[member].open();
    }

    private Link routeLinkFor(int member, String connectLine) {
        JnatsdCluster cluster = this.cluster;
        String serverId = RouteConnectLine.serverId(connectLine);
        for (int peer = 0; serverId != null && peer < cluster.size(); peer++) {
            JnatsdServer candidate = cluster.member(peer);
            if (peer != member && candidate != null && serverId.equals(candidate.server().serverId())) {
                return routeLinks[member][peer];
            }
        }
        return unidentified;
    }

    private int clusterPort(int member) {
        return cluster.running(member) ? cluster.member(member).server().cluster().listenPort() : -1;
    }

    private int clientPort(int member) {
        return cluster.running(member) ? cluster.member(member).port() : -1;
    }

    @Override
    public void close() {
        for (int i = 0; i < routeProxies.length; i++) {
            routeProxies[i].close();
            clientProxies[i].close();
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
