package io.jnatsd.testkit;

import io.jnatsd.JnatsdLeafNodes;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One proxy per leaf in front of the hub's leafnode port, each with a link of its own: a leaf's
 * remote dials its proxy, so the faults of one leaf's connection never touch another's. A proxy
 * needs no identification (each carries one leaf's connection) and refuses connections while the
 * hub is down, as the hub's port itself would.
 */
final class LeafNetwork implements AutoCloseable {
    private volatile JnatsdLeafNodes members;
    private final EventLoopGroup loops;
    private final Map<String, TcpProxy> proxies = new LinkedHashMap<>();
    private final Map<String, Link> links = new LinkedHashMap<>();

    LeafNetwork(List<String> leafNames) {
        this.loops = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jnatsd-testkit-leaf-proxy", true),
                NioIoHandler.newFactory());
        for (String name : leafNames) {
            Link link = new Link();
            links.put(name, link);
            proxies.put(name, new TcpProxy(loops, this::hubLeafPort, line -> link, TcpProxy.Identification.NONE));
        }
    }

    /** Binds every proxy; must happen before the leafs start, as they dial these addresses. */
    void open(JnatsdLeafNodes leafNodes) throws InterruptedException {
        this.members = leafNodes;
        for (TcpProxy proxy : proxies.values()) {
            proxy.open();
        }
    }

    String address(String leaf) {
        return proxies.get(leaf).address();
    }

    Link link(String leaf) {
        Link link = links.get(leaf);
        if (link == null) {
            throw new IllegalArgumentException("no leaf named " + leaf + " in " + links.keySet());
        }
        return link;
    }

    /** The hub went down: its leaf connections are closed by its shutdown, and reset here for a kill. */
    void hubDown(boolean reset) {
        if (reset) {
            links.values().forEach(Link::resetAll);
        }
    }

    private int hubLeafPort() {
        JnatsdLeafNodes current = members;
        return current != null && current.hubRunning() ? current.hubLeafPort() : -1;
    }

    @Override
    public void close() {
        proxies.values().forEach(TcpProxy::close);
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
