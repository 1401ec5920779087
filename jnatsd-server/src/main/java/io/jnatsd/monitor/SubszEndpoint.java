package io.jnatsd.monitor;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.dispatch.Account;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.SubscriptionSnapshot;
import io.jnatsd.subject.SubjectIndexStats;
import io.jnatsd.subject.Subjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /subsz} and {@code /subscriptionsz} (MONITORING.md §5). The statistics are summed over
 * the accounts' subject indexes (route-learned interest included); the list holds local client
 * subscriptions only. Over HTTP, without a non-empty page only the statistics are written, with
 * no {@code server_id} or {@code now}, as nats-server does; its {@code $SYS} reply always has the
 * whole document. {@code total} is the page size.
 */
final class SubszEndpoint implements Endpoint {
    private static final int DEFAULT_LIMIT = 1024;

    private final NatsServer server;

    SubszEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) throws BadRequestException {
        return MonitorJson.indented(document(query, false));
    }

    /**
     * @param whole with {@code server_id}, {@code now} and the paging fields even when nothing is
     *              listed (the {@code $SYS.REQ.SERVER.PING.SUBSZ} reply)
     */
    GoObject document(QueryParameters query, boolean whole) throws BadRequestException {
        boolean listed = query.bool("subs");
        int offset = (int) Math.max(0, Math.min(query.integer("offset"), Integer.MAX_VALUE));
        long limitAsked = query.integer("limit");
        int limit = limitAsked <= 0 ? DEFAULT_LIMIT : (int) Math.min(limitAsked, Integer.MAX_VALUE);
        String test = query.text("test");
        if (test != null && !Subjects.isValidLiteralSubject(test)) {
            throw new BadRequestException("invalid test subject, must be valid publish subject: " + test);
        }
        List<Account> accounts = accounts(query.text("acc"));
        SubjectIndexStats stats = SubjectIndexStats.NONE;
        for (Account account : accounts) {
            stats = stats.plus(account.subscriptions().stats());
        }
        GoObject statistics = SublistStatsView.of(stats);
        List<GoObject> page = List.of();
        if (listed) {
            List<GoObject> matching = localSubscriptions(accounts, test);
            page = matching.subList(Math.min(offset, matching.size()),
                    (int) Math.min((long) offset + limit, matching.size()));
        }
        if (page.isEmpty() && !whole) {
            return statistics;
        }
        return new GoObject()
                .put("server_id", server.serverId())
                .put("now", GoFormats.timestamp(Instant.now()))
                .putAll(statistics)
                .put("total", page.size())
                .put("offset", offset)
                .put("limit", limit)
                .omitEmpty("subscriptions_list", page);
    }

    /** Every account, or the one asked for (none when it does not exist), in name order. */
    private List<Account> accounts(String name) {
        if (name != null) {
            Account account = server.accounts().get(name);
            return account == null ? List.of() : List.of(account);
        }
        List<Account> all = new ArrayList<>(server.accounts().all());
        all.sort(Comparator.comparing(Account::name));
        return all;
    }

    private static List<GoObject> localSubscriptions(List<Account> accounts, String test) {
        List<GoObject> details = new ArrayList<>();
        for (Account account : accounts) {
            // Local subscriptions only: clients, and the server's internal ones (system account
            // requests, imports) under cid 0, as nats-server lists its internal clients too.
            account.subscriptions().forEach(subscription -> {
                if (subscription.route() == null
                        && (test == null || Subjects.matches(subscription.subject(), test))) {
                    long cid = subscription.subscriber() instanceof ClientConnection client ? client.id() : 0;
                    details.add(SubscriptionDetails.detail(SubscriptionSnapshot.of(subscription), account.name(), cid));
                }
            });
        }
        return details;
    }
}
