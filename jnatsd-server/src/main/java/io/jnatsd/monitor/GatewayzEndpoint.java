package io.jnatsd.monitor;

import io.jnatsd.gateway.GatewayView;
import io.jnatsd.gateway.Gateways;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.SubscriptionSnapshot;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /gatewayz} (GATEWAYS.md §6.1): the advertised gateway address, one entry per remote
 * cluster we dialed and a list per remote cluster of the connections we accepted, each with the
 * /connz view of the connection. {@code accs=1} adds the interest mode per account (always
 * Interest-Only: jnatsd switches every account at once, as nats-server 2.9+ does);
 * {@code acc_name} restricts that list to one account (and asks for it); {@code subs=1} or
 * {@code subs=detail} adds the remote's interest in each account of an outbound gateway;
 * {@code gw_name} restricts to one remote. Without gateways nats-server shows two empty maps.
 */
final class GatewayzEndpoint implements Endpoint {
    private static final int INTEREST_ONLY_THRESHOLD = 1000;

    private final NatsServer server;

    GatewayzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) throws BadRequestException {
        return MonitorJson.indented(document(query));
    }

    /** The document, also for {@code $SYS.REQ.SERVER.PING.GATEWAYZ}. */
    GoObject document(QueryParameters query) throws BadRequestException {
        String accountName = query.text("acc_name");
        boolean named = accountName != null && !accountName.isEmpty();
        // nats-server: naming an account asks for the accounts list, restricted to that one
        Detail detail = new Detail(query.bool("accs") || named, named ? accountName : null,
                "detail".equalsIgnoreCase(query.text("subs")), !"detail".equalsIgnoreCase(query.text("subs"))
                        && query.bool("subs"));
        String only = query.text("gw_name");
        Instant now = Instant.now();
        GoObject gatewayz = new GoObject()
                .put("server_id", server.serverId())
                .put("now", GoFormats.timestamp(now));
        Gateways gateways = server.gateways();
        if (gateways == null) {
            return gatewayz.put("outbound_gateways", Map.of()).put("inbound_gateways", Map.of());
        }
        String url = gateways.url();
        int colon = url.lastIndexOf(':');
        gatewayz.put("name", gateways.name())
                .put("host", url.substring(0, colon))
                .put("port", Integer.parseInt(url.substring(colon + 1)));
        Map<String, GoObject> outbound = new TreeMap<>();
        for (GatewayView view : gateways.outboundViews()) {
            if (only == null || only.isEmpty() || only.equals(view.gateway())) {
                outbound.put(view.gateway(), entry(view, now, detail, true));
            }
        }
        Map<String, List<GoObject>> inbound = new TreeMap<>();
        for (GatewayView view : gateways.inboundViews()) {
            if (only == null || only.isEmpty() || only.equals(view.gateway())) {
                inbound.computeIfAbsent(view.gateway(), g -> new ArrayList<>()).add(entry(view, now, detail, false));
            }
        }
        // nats-server looks a named remote up and leaves the outbound map nil when it has none
        boolean unknownRemote = only != null && !only.isEmpty() && outbound.isEmpty();
        return gatewayz.put("outbound_gateways", unknownRemote ? null : outbound).put("inbound_gateways", inbound);
    }

    /** What the accounts list shows: whether there is one, for which account, with which interest. */
    private record Detail(boolean accounts, String account, boolean subscriptionDetail, boolean subscriptions) {
    }

    private GoObject entry(GatewayView view, Instant now, Detail detail, boolean outbound) {
        GoObject entry = new GoObject().put("configured", view.configured()).put("connection", connection(view, now));
        if (detail.accounts()) {
            List<GoObject> accounts = new ArrayList<>();
            Map<String, Integer> held = outbound ? view.accountSubscriptions() : Map.of();
            for (var account : server.accounts().all()) {
                if (detail.account() == null || detail.account().equals(account.name())) {
                    accounts.add(account(view, account.name(), held.getOrDefault(account.name(), 0), detail, outbound));
                }
            }
            entry.omitEmpty("accounts", accounts);
        }
        return entry;
    }

    private static GoObject account(GatewayView view, String name, int held, Detail detail, boolean outbound) {
        GoObject account = new GoObject()
                .put("name", name)
                .put("interest_mode", view.interestMode(name))
                .omitEmpty("no_interest_count", view.noInterestCount(name))
                .put("interest_only_threshold", INTEREST_ONLY_THRESHOLD)
                .omitEmpty("num_subs", held);
        if (outbound && (detail.subscriptions() || detail.subscriptionDetail())) {
            List<SubscriptionSnapshot> interest = view.accountInterest(name).stream()
                    .map(entry -> new SubscriptionSnapshot(entry.subject(), entry.queue(), "", 0, 0)).toList();
            if (detail.subscriptionDetail()) {
                account.omitEmpty("subscriptions_list_detail", SubscriptionDetails.details(interest, view.cid()));
            } else {
                account.omitEmpty("subscriptions_list", SubscriptionDetails.subjects(interest));
            }
        }
        return account;
    }

    private static GoObject connection(GatewayView view, Instant now) {
        InetSocketAddress remote = view.remoteAddress();
        Instant lastActivity = Instant.ofEpochMilli(view.lastActivityMillis());
        return new GoObject()
                .put("cid", view.cid())
                .put("kind", "Gateway")
                .put("ip", remote == null ? "" : remote.getAddress().getHostAddress())
                .put("port", remote == null ? 0 : remote.getPort())
                .put("start", GoFormats.timestamp(view.started()))
                .put("last_activity", GoFormats.timestamp(lastActivity))
                .put("rtt", GoFormats.rtt(view.rttNanos()))
                .put("uptime", GoFormats.uptime(Duration.between(view.started(), now)))
                .put("idle", GoFormats.uptime(Duration.between(lastActivity, now)))
                .put("pending_bytes", view.pendingBytes())
                .put("in_msgs", view.inMessages())
                .put("out_msgs", view.outMessages())
                .put("in_bytes", view.inBytes())
                .put("out_bytes", view.outBytes())
                .put("subscriptions", view.subscriptions())
                .put("name", view.serverId())
                .omitEmpty("tls_version", view.tlsVersion())
                .omitEmpty("tls_cipher_suite", view.tlsCipherSuite());
    }
}
