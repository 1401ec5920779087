package io.jnatsd.leaf;

import java.util.concurrent.atomic.LongAdder;

/**
 * The messages and bytes of leaf connections that have closed, so the server totals in
 * {@code /varz} and {@code /metrics} (live connections plus closed ones) never go backwards when a
 * leaf link drops.
 */
public final class LeafTraffic {
    private final LongAdder inMessages = new LongAdder();
    private final LongAdder inBytes = new LongAdder();
    private final LongAdder outMessages = new LongAdder();
    private final LongAdder outBytes = new LongAdder();

    void closed(LeafView connection) {
        inMessages.add(connection.inMessages());
        inBytes.add(connection.inBytes());
        outMessages.add(connection.outMessages());
        outBytes.add(connection.outBytes());
    }

    public long inMessages() {
        return inMessages.sum();
    }

    public long inBytes() {
        return inBytes.sum();
    }

    public long outMessages() {
        return outMessages.sum();
    }

    public long outBytes() {
        return outBytes.sum();
    }
}
