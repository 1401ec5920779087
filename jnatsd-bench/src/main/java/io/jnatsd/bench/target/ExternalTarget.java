package io.jnatsd.bench.target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Servers someone else started (--url). For the cluster scenarios the first three addresses
 * must belong to one cluster; the bench cannot see its routes, so it trusts that they are
 * meshed (the scenarios still wait until interest has crossed them).
 *
 * @param pids process ids of the servers, if given, for CPU and memory figures
 */
public record ExternalTarget(String name, List<InetSocketAddress> addresses, List<Long> pids) implements Target {

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(5);

    public ExternalTarget {
        addresses = List.copyOf(addresses);
        pids = List.copyOf(pids);
    }

    @Override
    public ServerGroup open(Topology topology) throws IOException {
        if (addresses.size() < topology.serverCount()) {
            String shape = topology.leafNode() ? " (the hub, then a leaf node of it)"
                : topology.gateways() ? " (one in each of two gateway-joined clusters)" : " of one cluster";
            throw new IOException("needs " + topology.serverCount() + " --url servers" + shape + ", got "
                + addresses.size());
        }
        List<InetSocketAddress> used = addresses.subList(0, topology.serverCount());
        for (InetSocketAddress address : used) {
            ClientPort.awaitInfo(address, System.nanoTime() + REACH_TIMEOUT.toNanos(), () -> true);
        }
        return new Reached(used, pids);
    }

    /** Nothing to stop: these servers outlive the bench. */
    private record Reached(List<InetSocketAddress> clientAddresses, List<Long> pids) implements ServerGroup {
        @Override
        public void close() {
        }
    }
}
