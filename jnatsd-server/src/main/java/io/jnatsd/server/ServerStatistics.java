package io.jnatsd.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    final AtomicLong slowConsumerGateways = new AtomicLong();
    final AtomicLong slowConsumerLeafs = new AtomicLong();
    final LongAdder closedInMessages = new LongAdder();
    final LongAdder closedInBytes = new LongAdder();
    final LongAdder closedOutMessages = new LongAdder();
    final LongAdder closedOutBytes = new LongAdder();
    private final Map<String, AccountTotals> accounts = new ConcurrentHashMap<>();

    public long totalConnections() {
        return totalConnections.get();
    }

    public long slowConsumers() {
        return slowConsumers.get();
    }

    public long slowConsumerGateways() {
        return slowConsumerGateways.get();
    }

    public long slowConsumerLeafs() {
        return slowConsumerLeafs.get();
    }

    public long slowConsumerClients() {
        return slowConsumerClients.get();
    }

    public long slowConsumerRoutes() {
        return slowConsumerRoutes.get();
    }

    /** Adds the totals of a closed connection, also to its account's when it was bound to one. */
    public void addClosed(String account, long inMessages, long inBytes, long outMessages, long outBytes) {
        closedInMessages.add(inMessages);
        closedInBytes.add(inBytes);
        closedOutMessages.add(outMessages);
        closedOutBytes.add(outBytes);
        if (account != null) {
            AccountTotals totals = accounts.computeIfAbsent(account, name -> new AccountTotals());
            totals.closedInMessages.add(inMessages);
            totals.closedInBytes.add(inBytes);
            totals.closedOutMessages.add(outMessages);
            totals.closedOutBytes.add(outBytes);
        }
    }

    /** Counts a slow client consumer, server-wide and for its account. */
    void addSlowConsumerClient(String account) {
        slowConsumers.incrementAndGet();
        slowConsumerClients.incrementAndGet();
        if (account != null) {
            accounts.computeIfAbsent(account, name -> new AccountTotals()).slowConsumers.increment();
        }
    }

    /** The lasting counters of an account; all zero when nothing was counted for it yet. */
    public AccountTotals account(String name) {
        return accounts.getOrDefault(name, AccountTotals.NONE);
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
