package io.jnatsd.monitor;

import io.jnatsd.leaf.LeafView;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The leaf node lines of {@code /metrics}: the number of leaf connections, then one series per
 * connection, labelled by its {@code cid}, the remote server's {@code name}, the local
 * {@code account} it is bound to and {@code role} ({@code hub}: this server accepted it;
 * {@code spoke}: this server dialed it), the connections /leafz lists. A server without a
 * {@code leafnodes {}} block writes only the zero count.
 */
final class LeafMetrics {
    private LeafMetrics() {
    }

    static void append(StringBuilder text, List<LeafView> leafs) {
        MetricsEndpoint.family(text, "jnatsd_leafnodes", "gauge", "Leaf node connections open now.");
        text.append("jnatsd_leafnodes ").append(leafs.size()).append('\n');
        if (leafs.isEmpty()) {
            return;
        }
        family(text, leafs, "jnatsd_leaf_rtt_seconds", "gauge",
                "Last measured round trip of the leaf connection (0 before the first).",
                view -> Math.max(0, view.rttNanos()) / 1e9);
        family(text, leafs, "jnatsd_leaf_pending_bytes", "gauge", "Bytes waiting to be written to the remote.",
                LeafView::pendingBytes);
        family(text, leafs, "jnatsd_leaf_in_msgs_total", "counter", "Messages received on the leaf connection.",
                LeafView::inMessages);
        family(text, leafs, "jnatsd_leaf_out_msgs_total", "counter", "Messages sent on the leaf connection.",
                LeafView::outMessages);
        family(text, leafs, "jnatsd_leaf_in_bytes_total", "counter", "Payload bytes received on the leaf connection.",
                LeafView::inBytes);
        family(text, leafs, "jnatsd_leaf_out_bytes_total", "counter", "Payload bytes sent on the leaf connection.",
                LeafView::outBytes);
        family(text, leafs, "jnatsd_leaf_subscriptions", "gauge", "Interest the remote announced on the connection.",
                LeafView::subscriptions);
    }

    private static void family(StringBuilder text, List<LeafView> leafs, String name, String type, String help,
                               ToDoubleFunction<LeafView> value) {
        MetricsEndpoint.family(text, name, type, help);
        for (LeafView view : leafs) {
            text.append(name).append("{cid=\"").append(view.cid())
                    .append("\",name=\"").append(MetricsEndpoint.label(view.name()))
                    .append("\",account=\"").append(MetricsEndpoint.label(view.account()))
                    .append("\",role=\"").append(view.spoke() ? "spoke" : "hub")
                    .append("\"} ").append(MetricsEndpoint.number(value.applyAsDouble(view))).append('\n');
        }
    }
}
