package io.jnatsd.monitor;

import io.jnatsd.gateway.GatewayView;
import io.jnatsd.gateway.Gateways;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The gateway lines of {@code /metrics}: one series per gateway connection, labelled by the
 * remote cluster ({@code gateway}), {@code direction} ({@code outbound}: the one this server
 * dialed, which carries the messages it forwards; {@code inbound}: accepted), the connection's
 * {@code cid} and the remote server's {@code remote_id}, the same connections /gatewayz lists.
 * Nothing is written by a server without a {@code gateway {}} block.
 */
final class GatewayMetrics {
    private record Series(String direction, GatewayView view) {
    }

    private GatewayMetrics() {
    }

    static void append(StringBuilder text, Gateways gateways) {
        if (gateways == null) {
            return;
        }
        List<Series> series = new ArrayList<>();
        gateways.outboundViews().forEach(view -> series.add(new Series("outbound", view)));
        gateways.inboundViews().forEach(view -> series.add(new Series("inbound", view)));
        MetricsEndpoint.family(text, "jnatsd_gateways", "gauge", "Gateway connections open now, by direction.");
        long outbound = series.stream().filter(s -> s.direction().equals("outbound")).count();
        text.append("jnatsd_gateways{direction=\"outbound\"} ").append(outbound).append('\n');
        text.append("jnatsd_gateways{direction=\"inbound\"} ").append(series.size() - outbound).append('\n');
        family(text, series, "jnatsd_gateway_up", "gauge", "1 for each open gateway connection.", view -> 1);
        family(text, series, "jnatsd_gateway_rtt_seconds", "gauge",
                "Last measured round trip of the gateway connection (0 before the first).",
                view -> Math.max(0, view.rttNanos()) / 1e9);
        family(text, series, "jnatsd_gateway_pending_bytes", "gauge", "Bytes waiting to be written to the remote.",
                GatewayView::pendingBytes);
        family(text, series, "jnatsd_gateway_in_msgs_total", "counter", "Messages received on the gateway.",
                GatewayView::inMessages);
        family(text, series, "jnatsd_gateway_out_msgs_total", "counter", "Messages sent on the gateway.",
                GatewayView::outMessages);
        family(text, series, "jnatsd_gateway_in_bytes_total", "counter", "Payload bytes received on the gateway.",
                GatewayView::inBytes);
        family(text, series, "jnatsd_gateway_out_bytes_total", "counter", "Payload bytes sent on the gateway.",
                GatewayView::outBytes);
        family(text, series, "jnatsd_gateway_subscriptions", "gauge",
                "Interest the remote cluster announced (outbound connections hold it).", GatewayView::subscriptions);
    }

    private static void family(StringBuilder text, List<Series> series, String name, String type, String help,
                               ToDoubleFunction<GatewayView> value) {
        MetricsEndpoint.family(text, name, type, help);
        for (Series one : series) {
            text.append(name).append("{gateway=\"").append(MetricsEndpoint.label(one.view().gateway()))
                    .append("\",direction=\"").append(one.direction())
                    .append("\",cid=\"").append(one.view().cid())
                    .append("\",remote_id=\"").append(MetricsEndpoint.label(one.view().serverId()))
                    .append("\"} ").append(MetricsEndpoint.number(value.applyAsDouble(one.view()))).append('\n');
        }
    }
}
