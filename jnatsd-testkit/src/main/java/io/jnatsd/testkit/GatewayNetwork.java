package io.jnatsd.testkit;

import io.jnatsd.JnatsdCluster;
import io.jnatsd.JnatsdServer;
import io.jnatsd.JnatsdSupercluster;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The proxies in front of every member's gateway port in a test supercluster, and one link per
 * pair of clusters. Members advertise their proxy, so seeds and gossiped gateway URLs both lead
 * through it. A gateway solicitor's CONNECT names its server id (GATEWAYS.md §3.3) as a route's
 * does, which tells the proxy the dialing cluster and so the pair's link; it comes after the
 * acceptor's INFO, so the connection goes through first and is put on its link then.
 */
final class GatewayNetwork implements AutoCloseable {
    private volatile JnatsdSupercluster supercluster;
    private final EventLoopGroup loops;
    private final TcpProxy[][] proxies;
    private final Link[][] links;
    private final Link unidentified = new Link();

    GatewayNetwork(int clusters, int clusterSize) {
        this.loops = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jnatsd-testkit-gateway-proxy", true),
                NioIoHandler.newFactory());
        this.proxies = new TcpProxy[clusters][clusterSize];
        this.links = new Link[clusters][clusters];
        for (int a = 0; a < clusters; a++) {
            for (int b = a + 1; b < clusters; b++) {
                links[a][b] = new Link();
                links[b][a] = links[a][b];
            }
            for (int i = 0; i < clusterSize; i++) {
                int cluster = a;
                int member = i;
                proxies[a][i] = new TcpProxy(loops, () -> gatewayPort(cluster, member),
                        line -> linkFor(cluster, line), TcpProxy.Identification.FIRST_LINE_AFTER_GREETING);
            }
        }
    }

    /** Binds every proxy; must happen before the members start, as they advertise these addresses. */
    void open(JnatsdSupercluster members) throws InterruptedException {
        this.supercluster = members;
        for (TcpProxy[] cluster : proxies) {
            for (TcpProxy proxy : cluster) {
                proxy.open();
            }
        }
    }

    String address(int cluster, int member) {
        return proxies[cluster][member].address();
    }

    Link link(int a, int b) {
        if (a == b) {
            throw new IllegalArgumentException("a gateway joins two different clusters, not " + a + " and itself");
        }
        return links[a][b];
    }

    /**
     * The member went down: its gateway proxy refuses connections. Its open gateways are closed
     * by its shutdown (a link carries the gateways of every member of both clusters, so resetting
     * one would reach its neighbours too).
     */
    void memberDown(int cluster, int member) {
        proxies[cluster][member].close();
    }

    void memberUp(int cluster, int member) throws InterruptedException {
        proxies[cluster][member].open();
    }

    private Link linkFor(int cluster, String connectLine) {
        String serverId = RouteConnectLine.serverId(connectLine);
        JnatsdSupercluster members = this.supercluster;
        for (int other = 0; serverId != null && other < proxies.length; other++) {
            if (other != cluster && hasMember(members.cluster(other), serverId)) {
                return links[cluster][other];
            }
        }
        return unidentified;
    }

    private static boolean hasMember(JnatsdCluster cluster, String serverId) {
        for (JnatsdServer member : cluster.members()) {
            if (member != null && serverId.equals(member.server().serverId())) {
                return true;
            }
        }
        return false;
    }

    private int gatewayPort(int cluster, int member) {
        JnatsdCluster members = supercluster.cluster(cluster);
        return members.running(member) ? members.member(member).server().gateways().listenPort() : -1;
    }

    @Override
    public void close() {
        for (TcpProxy[] cluster : proxies) {
            for (TcpProxy proxy : cluster) {
                proxy.close();
            }
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
