package io.jnatsd.monitor;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.dispatch.Account;
import io.jnatsd.leaf.ClosedLeaf;
import io.jnatsd.server.ConnectionSnapshot;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.SubscriptionSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code /connz} (MONITORING.md §3): client connections, open and closed, sorted and paged. Closed
 * leaf connections are listed too, with kind {@code Leafnode}, as nats-server lists them; open
 * ones are not (they are in /leafz).
 * {@code total} counts the connections of the requested state (and account) before the user and
 * cid filters and paging; {@code num_connections} is what this page returns.
 */
final class ConnzEndpoint implements Endpoint {
    private final NatsServer server;

    ConnzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters parameters) throws BadRequestException {
        return MonitorJson.indented(document(parameters));
    }

    /** The /connz document, also the data of a {@code $SYS.REQ.SERVER.PING.CONNZ} reply. */
    GoObject document(QueryParameters parameters) throws BadRequestException {
        ConnzQuery query = ConnzQuery.parse(parameters);
        Instant now = Instant.now();
        if (query.account() != null && server.accounts().get(query.account()) == null) {
            return unknownAccount(query, now);
        }
        boolean withSubscriptions = query.subscriptions() || query.subscriptionsDetail();
        List<ConnectionSnapshot> open = query.state().includesOpen() ? open(query, withSubscriptions) : List.of();
        Set<ConnectionSnapshot> leafs = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ConnectionSnapshot> closed = query.state().includesClosed() ? closed(query, leafs) : List.of();
        int total = open.size() + closed.size();

        List<ConnectionSnapshot> selected = new ArrayList<>(total);
        for (ConnectionSnapshot connection : concat(open, closed)) {
            if (selected(connection, query)) {
                selected.add(connection);
            }
        }
        selected.sort(query.sort().comparator(now));
        int from = Math.min(query.offset(), selected.size());
        int to = (int) Math.min((long) query.offset() + query.limit(), selected.size());
        List<GoObject> page = selected.subList(from, to).stream().map(c -> connectionInfo(c, leafs.contains(c), query, now)).toList();
        return new GoObject()
                .put("server_id", server.serverId())
                .put("now", GoFormats.timestamp(now))
                .put("num_connections", page.size())
                .put("total", total)
                .put("offset", query.offset())
                .put("limit", query.limit())
                .put("connections", page);
    }

    /** nats-server answers an unknown {@code acc} with an empty, id-less document and null connections. */
    private static GoObject unknownAccount(ConnzQuery query, Instant now) {
        return new GoObject()
                .put("server_id", "")
                .put("now", GoFormats.timestamp(now))
                .put("num_connections", 0)
                .put("total", 0)
                .put("offset", query.offset())
                .put("limit", query.limit())
                .put("connections", null);
    }

    private List<ConnectionSnapshot> open(ConnzQuery query, boolean withSubscriptions) {
        List<ConnectionSnapshot> open = new ArrayList<>();
        for (ClientConnection client : server.clients()) {
            if (query.account() == null || query.account().equals(client.accountName())) {
                open.add(ConnectionSnapshot.open(client, withSubscriptions));
            }
        }
        return open;
    }

    /** Closed clients and closed leaf connections; the leaf ones are also put in {@code leafs}. */
    private List<ConnectionSnapshot> closed(ConnzQuery query, Set<ConnectionSnapshot> leafs) {
        List<ConnectionSnapshot> closed = new ArrayList<>(server.closedConnections());
        if (server.leafNodes() != null) {
            for (ClosedLeaf leaf : server.leafNodes().closedConnections()) {
                ConnectionSnapshot snapshot = snapshot(leaf);
                leafs.add(snapshot);
                closed.add(snapshot);
            }
        }
        if (query.account() == null) {
            return closed;
        }
        return closed.stream().filter(c -> query.account().equals(c.account())).toList();
    }

    /** A closed leaf connection in the shape of a client's: the remote's interest as its subscriptions. */
    private static ConnectionSnapshot snapshot(ClosedLeaf leaf) {
        List<SubscriptionSnapshot> interest = leaf.interest().stream()
                .map(entry -> new SubscriptionSnapshot(entry.subject(), entry.queue(), entry.sid(), 0, 0)).toList();
        return new ConnectionSnapshot(leaf.cid(), leaf.ip(), leaf.port(), leaf.start(), leaf.lastActivity(),
                leaf.stop(), leaf.reason(), leaf.rttNanos(), 0, leaf.inMessages(), leaf.inBytes(), leaf.outMessages(),
                leaf.outBytes(), interest.size(), interest, leaf.name(), null, leaf.version(), leaf.user(),
                leaf.account());
    }

    private static boolean selected(ConnectionSnapshot connection, ConnzQuery query) {
        if (query.cid() > 0) {
            return connection.cid() == query.cid();
        }
        return query.user() == null || query.user().equals(connection.user());
    }

    private static List<ConnectionSnapshot> concat(List<ConnectionSnapshot> first, List<ConnectionSnapshot> second) {
        List<ConnectionSnapshot> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    private static GoObject connectionInfo(ConnectionSnapshot connection, boolean leaf, ConnzQuery query, Instant now) {
        GoObject info = new GoObject()
                .put("cid", connection.cid())
                .put("kind", leaf ? "Leafnode" : "Client")
                .omitEmpty("type", leaf ? null : connection.websocket() ? "websocket" : "nats")
                .put("ip", connection.ip())
                .put("port", connection.port())
                .put("start", GoFormats.timestamp(connection.start()))
                .put("last_activity", GoFormats.timestamp(connection.lastActivity()))
                .omitEmpty("stop", connection.stop() == null ? null : GoFormats.timestamp(connection.stop()))
                .omitEmpty("reason", connection.reason())
                .put("rtt", GoFormats.rtt(connection.rttNanos()))
                .put("uptime", GoFormats.uptime(ConnectionSort.uptime(connection, now)))
                .put("idle", GoFormats.uptime(ConnectionSort.idle(connection, now)))
                .put("pending_bytes", connection.pendingBytes())
                .put("in_msgs", connection.inMessages())
                .put("out_msgs", connection.outMessages())
                .put("in_bytes", connection.inBytes())
                .put("out_bytes", connection.outBytes())
                .put("subscriptions", connection.subscriptionCount())
                .omitEmpty("name", connection.name())
                .omitEmpty("lang", connection.lang())
                .omitEmpty("version", connection.version());
        if (query.auth()) {
            info.omitEmpty("authorized_user", connection.user());
            // nats-server names the account only when it is not the global one.
            if (!Objects.equals(connection.account(), Account.GLOBAL)) {
                info.omitEmpty("account", connection.account());
            }
        }
        if (query.subscriptionsDetail() && leaf) {
            // a leaf's interest entries name their account, as in nats-server
            info.omitEmpty("subscriptions_list_detail", connection.subscriptions().stream()
                    .map(entry -> SubscriptionDetails.detail(entry, connection.account(), connection.cid())).toList());
        } else if (query.subscriptionsDetail()) {
            info.omitEmpty("subscriptions_list_detail",
                    SubscriptionDetails.details(connection.subscriptions(), connection.cid()));
        } else if (query.subscriptions()) {
            info.omitEmpty("subscriptions_list", SubscriptionDetails.subjects(connection.subscriptions()));
        }
        return info;
    }
}
