package io.jnatsd.bench.target;

/**
 * How many servers a scenario needs. Scenarios name servers by index in the group: server 0
 * ("A") takes the publisher and the requester; in a cluster, server 1 ("B") takes the
 * subscriber and the responder, and queue members are spread over 1 and 2 ("C") so that every
 * message crosses a route. With one server every role connects to server 0.
 */
public enum Topology {
    SINGLE(1),
    CLUSTER_OF_THREE(3);

    private final int serverCount;

    Topology(int serverCount) {
        this.serverCount = serverCount;
    }

    public int serverCount() {
        return serverCount;
    }
}
