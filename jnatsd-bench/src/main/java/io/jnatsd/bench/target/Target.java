package io.jnatsd.bench.target;

import java.io.IOException;

/** How to reach or start one kind of server; named in tables by {@link #name()}. */
public interface Target {

    /** "jnatsd", "nats-server" (the baseline of ratio columns), or the name given to --url servers. */
    String name();

    /**
     * Starts (or checks) the servers of a topology; they are ready for clients, and a cluster
     * is fully meshed, when this returns. The caller closes the group.
     *
     * @throws IOException when the servers cannot be started or reached in time
     */
    ServerGroup open(Topology topology) throws IOException;
}
