package io.jnatsd.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one account that outlive its connections, for {@code /accstatz}: the traffic of
 * its closed connections (open ones are summed live) and its slow consumers.
 */
public final class AccountTotals {
    static final AccountTotals NONE = new AccountTotals();

    final LongAdder closedInMessages = new LongAdder();
    final LongAdder closedInBytes = new LongAdder();
    final LongAdder closedOutMessages = new LongAdder();
    final LongAdder closedOutBytes = new LongAdder();
    final LongAdder slowConsumers = new LongAdder();

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

    public long slowConsumers() {
        return slowConsumers.sum();
    }
}
