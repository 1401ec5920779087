package io.jnatsd.monitor;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.dispatch.Account;
import io.jnatsd.server.AccountTotals;
import io.jnatsd.server.NatsServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /accstatz} (MONITORING.md §8): per-account connections and traffic. {@code sent} is what
 * the account's clients were delivered, {@code received} what they published; both include the
 * account's closed connections. Accounts without connections appear only with {@code unused=1}.
 */
final class AccstatzEndpoint implements Endpoint {
    private final NatsServer server;

    AccstatzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) throws BadRequestException {
        return MonitorJson.indented(document(List.of(), query.bool("unused")));
    }

    /** The accounts' statistics ({@code names} empty: every account); those without connections only when {@code unused}. */
    GoObject document(List<String> names, boolean unused) {
        return new GoObject()
                .put("server_id", server.serverId())
                .put("now", GoFormats.timestamp(Instant.now()))
                .put("account_statz", statz(names, unused));
    }

    List<GoObject> statz(List<String> names, boolean unused) {
        List<Account> accounts = new ArrayList<>(server.accounts().registered());
        accounts.sort(Comparator.comparing(Account::name));
        List<GoObject> statz = new ArrayList<>();
        for (Account account : accounts) {
            GoObject stat = names.isEmpty() || names.contains(account.name()) ? accountStat(account, unused) : null;
            if (stat != null) {
                statz.add(stat);
            }
        }
        return statz;
    }

    private GoObject accountStat(Account account, boolean unused) {
        AccountTotals totals = server.statistics().account(account.name());
        long connections = 0;
        long sentMessages = totals.closedOutMessages();
        long sentBytes = totals.closedOutBytes();
        long receivedMessages = totals.closedInMessages();
        long receivedBytes = totals.closedInBytes();
        for (ClientConnection client : server.clients()) {
            if (account.name().equals(client.accountName())) {
                connections++;
                receivedMessages += client.statistics().inMessages();
                receivedBytes += client.statistics().inBytes();
                if (client.outbound() != null) {
                    sentMessages += client.outbound().outMessages();
                    sentBytes += client.outbound().outBytes();
                }
            }
        }
        if (connections == 0 && !unused) {
            return null;   // leaf connections alone do not list an account, as in nats-server
        }
        long leafs = LeafCounts.of(server, account.name());
        return new GoObject()
                .put("acc", account.name())
                .put("conns", connections)
                .put("leafnodes", leafs)
                .put("total_conns", connections + leafs)
                .put("num_subscriptions", account.subscriptions().count())
                .put("sent", new GoObject().put("msgs", sentMessages).put("bytes", sentBytes))
                .put("received", new GoObject().put("msgs", receivedMessages).put("bytes", receivedBytes))
                .put("slow_consumers", totals.slowConsumers());
    }
}
