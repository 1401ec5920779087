package io.jnatsd.bench.target;

/**
 * How many servers a scenario needs. Scenarios name servers by index in the group: server 0
 * ("A") takes the publisher and the requester; in a cluster, server 1 ("B") takes the
 * subscriber and the responder, and queue members are spread over 1 and 2 ("C") so that every
 * message crosses a route. With one server every role connects to server 0. In the
 * supercluster, A and B are each a cluster of one server (clusters "A" and "B") joined by
 * gateways, so every message and reply of a scenario crosses a gateway. In the hub-and-leaf shape
 * A is the hub and B a leaf node that dials it, so every message and reply crosses the leaf
 * connection.
 */
public enum Topology {
    SINGLE(1, "single server"),
    CLUSTER_OF_THREE(3, "cluster of three"),
    /** Only for the start-up scenario {@code start-mesh20}: every server seeded to A. */
    CLUSTER_OF_TWENTY(20, "cluster of twenty"),
    SUPERCLUSTER_OF_TWO(2, "two clusters of one server, joined by gateways"),
    HUB_AND_LEAF(2, "a hub and a leaf node that dials it");

    private final int serverCount;
    private final String description;

    Topology(int serverCount, String description) {
        this.serverCount = serverCount;
        this.description = description;
    }

    public int serverCount() {
        return serverCount;
    }

    /** Whether the servers are joined by gateways rather than routes. */
    public boolean gateways() {
        return this == SUPERCLUSTER_OF_TWO;
    }

    /** Whether server B is a leaf node of hub A rather than a route or gateway peer. */
    public boolean leafNode() {
        return this == HUB_AND_LEAF;
    }

    public String description() {
        return description;
    }
}
