package io.jnatsd.monitor;

import io.jnatsd.leaf.LeafNodes;
import io.jnatsd.leaf.LeafView;
import io.jnatsd.server.NatsServer;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /leafz} (LEAFNODES.md §12.1): one entry per registered leaf connection, hub and spoke
 * sides alike, in the field order of nats-server 2.10. {@code subs=1} adds the subjects the remote
 * announced (queue names dropped, as Go lists them); {@code acc=NAME} keeps the connections bound
 * to that local account. {@code rtt} is {@code "0s"} until the first PONG, as in Go; a server
 * without leaf nodes answers with an empty list.
 */
final class LeafzEndpoint implements Endpoint {
    private final NatsServer server;

    LeafzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) throws BadRequestException {
        return MonitorJson.indented(document(query));
    }

    /** The document, also for {@code $SYS.REQ.SERVER.PING.LEAFZ}. */
    GoObject document(QueryParameters query) throws BadRequestException {
        boolean subscriptions = query.bool("subs");
        String account = query.text("acc");
        List<GoObject> leafs = new ArrayList<>();
        LeafNodes leafNodes = server.leafNodes();
        if (leafNodes != null) {
            for (LeafView view : leafNodes.views()) {
                if (account == null || account.isEmpty() || account.equals(view.account())) {
                    leafs.add(entry(view, subscriptions));
                }
            }
        }
        return new GoObject()
                .put("server_id", server.serverId())
                .put("now", GoFormats.timestamp(Instant.now()))
                .put("leafnodes", leafs.size())
                .put("leafs", leafs);
    }

    private static GoObject entry(LeafView view, boolean subscriptions) {
        InetSocketAddress remote = view.remoteAddress();
        return new GoObject()
                .put("name", view.name())
                .put("is_spoke", view.spoke())
                .put("account", view.account())
                .put("ip", remote == null ? "" : remote.getAddress().getHostAddress())
                .put("port", remote == null ? 0 : remote.getPort())
                .put("rtt", GoFormats.rtt(view.rttNanos()))
                .put("in_msgs", view.inMessages())
                .put("out_msgs", view.outMessages())
                .put("in_bytes", view.inBytes())
                .put("out_bytes", view.outBytes())
                .put("subscriptions", view.subscriptions())
                .omitEmpty("subscriptions_list", subscriptions ? view.subscriptionSubjects() : null)
                .omitEmpty("compression", view.compression());
    }
}
