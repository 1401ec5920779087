package io.jnatsd.monitor;

import io.jnatsd.leaf.LeafNodes;
import io.jnatsd.leaf.LeafView;
import io.jnatsd.server.NatsServer;

/** Leaf connections bound to one account, as {@code /accountz} and {@code /accstatz} count them. */
final class LeafCounts {
    private LeafCounts() {
    }

    static long of(NatsServer server, String account) {
        LeafNodes leafNodes = server.leafNodes();
        if (leafNodes == null) {
            return 0;
        }
        return leafNodes.views().stream().map(LeafView::account).filter(account::equals).count();
    }
}
