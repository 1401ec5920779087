package io.jnatsd.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide counters that outlive connections. Live connections keep their own counters;
 * when one closes its totals are added here, so a sum over live connections plus these is the
 * server total without a shared counter on the message path.
 */
public final class ServerStatistics {
    final AtomicLong totalConnections = new AtomicLong();
    final AtomicLong slowConsumers = new AtomicLong();
    final AtomicLong slowConsumerClients = new AtomicLong();
    final AtomicLong slowConsumerRoutes = new AtomicLong();
    final LongAdder closedInMessages = new LongAdder();
    final LongAdder closedInBytes = new LongAdder();
    final LongAdder closedOutMessages = new LongAdder();
    final LongAdder closedOutBytes = new LongAdder();

    public long totalConnections() {
        return totalConnections.get();
    }

    public long slowConsumers() {
        return slowConsumers.get();
    }

    public long slowConsumerClients() {
        return slowConsumerClients.get();
    }

    public long slowConsumerRoutes() {
        return slowConsumerRoutes.get();
    }

    public void addClosed(long inMessages, long inBytes, long outMessages, long outBytes) {
        closedInMessages.add(inMessages);
        closedInBytes.add(inBytes);
        closedOutMessages.add(outMessages);
        closedOutBytes.add(outBytes);
    }

    public long closedInMessages() {
        return closedInMessages.sum();
    }

    public long closedInBytes() {
        return closedInBytes.sum();
    }

    public long closedOutMessages() {
        return closedOutMessages.sum();
    }

    public long closedOutBytes() {
        return closedOutBytes.sum();
    }
}
