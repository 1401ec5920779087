package io.jnatsd.bench.target;

import java.net.InetSocketAddress;
import java.util.List;

/** Servers that are running and ready: one, or the members of a cluster in {@link Topology} order. */
public interface ServerGroup extends AutoCloseable {

    /** Client ports, in server order (A, B, C). */
    List<InetSocketAddress> clientAddresses();

    /** Process ids of all servers, for CPU and memory figures; empty when unknown. */
    List<Long> pids();

    /** Stops the servers this group started; servers it only reached are left alone. */
    @Override
    void close();

    /** The client address of server {@code index} (0 is A). */
    default InetSocketAddress address(int index) {
        return clientAddresses().get(index);
    }
}
