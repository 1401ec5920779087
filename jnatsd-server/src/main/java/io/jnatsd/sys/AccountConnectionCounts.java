package io.jnatsd.sys;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.server.ConnectionEvents;
import io.jnatsd.server.ConnectionSnapshot;
import io.jnatsd.server.NatsServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account connection counts shared across the cluster, as nats-server shares them: after each
 * client of an account connects or disconnects, and every heartbeat while the account has
 * connections here ({@link AccountConnectionHeartbeats}), this server publishes its count
 * ({@code io.nats.server.advisory.v1.account_connections}) on the old subject
 * {@code $SYS.SERVER.ACCOUNT.<account>.CONNS} and the new {@code $SYS.ACCOUNT.<account>.SERVER.CONNS},
 * as nats-server 2.10 sends both. It takes the other servers' counts from the old one, the one
 * nats-server 2.10 listens to, so an account's connection limit holds for the whole cluster.
 * Leaf connections are counted apart ({@code leafnodes}) for the account's leaf
 * limit. A count also tells {@link ServerPresence} that its server is alive. Wraps the
 * connect/disconnect advisories.
 */
final class AccountConnectionCounts implements ConnectionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(AccountConnectionCounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final NatsServer server;
    private final SystemClient client;
    private final ServerInfoHeader header;
    private final ConnectionEvents advisories;
    private final ServerPresence presence;
    private final AccountConnectionHeartbeats heartbeats;
    private volatile boolean stopped;

    AccountConnectionCounts(NatsServer server, SystemClient client, ServerInfoHeader header, ConnectionEvents advisories,
                            ServerPresence presence, ScheduledExecutorService timer) {
        this.server = server;
        this.client = client;
        this.header = header;
        this.advisories = advisories;
        this.presence = presence;
        this.heartbeats = new AccountConnectionHeartbeats(timer,
                server.options().systemEventTimings().accountConnsHeartbeat(), this::announce);
    }

    void subscribe() {
        client.subscribe("$SYS.SERVER.ACCOUNT.*.CONNS", this::remoteCount);
        client.subscribe("$SYS._INBOX_." + server.serverId(), this::remoteCount);
        client.subscribe("$SYS.REQ.ACCOUNT.*.CONNS", this::countRequest);
    }

    /**
     * An account is registered here (first used): the others are asked for their counts on
     * {@code $SYS.REQ.ACCOUNT.<account>.CONNS}, answered to {@code $SYS._INBOX_.<server id>}, as
     * nats-server asks when it starts tracking an account, so a server that just started does not
     * wait for the next heartbeat to know the account's cluster-wide count.
     */
    void requestCounts(String account) {
        if (account.equals(client.account().name()) || account.equals("$G")) {
            return;
        }
        client.execute(() -> {
            if (stopped) {
                return;
            }
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("server", header.next());
            request.put("acc", account);
            client.publishJson("$SYS.REQ.ACCOUNT." + account + ".CONNS", "$SYS._INBOX_." + server.serverId(), request);
        });
    }

    /** No more counts once this server announced its shutdown: its peers have forgotten it. */
    void stop() {
        stopped = true;
        heartbeats.stop();
    }

    @Override
    public void connected(ConnectionSnapshot connection) {
        advisories.connected(connection);
        announce(connection.account());
    }

    @Override
    public void disconnected(ConnectionSnapshot connection) {
        advisories.disconnected(connection);
        announce(connection.account());
    }

    @Override
    public void leafCountChanged(String account) {
        announce(account);
    }

    /** Counts are announced for the system account too (nats-server 2.10.27 does; a subscriber count needs them). */
    private void announce(String account) {
        if (account == null || account.equals("$G")) {
            return;
        }
        client.execute(() -> {
            if (stopped) {
                return;
            }
            long conns = server.accountConnections(account);
            Map<String, Object> event = countEvent(account, conns);
            client.publishJson("$SYS.SERVER.ACCOUNT." + account + ".CONNS", event);
            event.put("server", header.next());
            client.publishJson("$SYS.ACCOUNT." + account + ".SERVER.CONNS", event);
            heartbeats.sent(account, conns + server.accountLeafConnections(account));
        });
    }

    /**
     * {@code $SYS.REQ.ACCOUNT.<account>.CONNS}: a server that starts tracking an account asks for
     * the others' counts; those with connections of it answer with their count event.
     */
    private void countRequest(SystemRequest request) {
        String[] tokens = request.subject().split("\\.");
        if (tokens.length != 5 || request.reply() == null || stopped) {
            return;
        }
        String account = tokens[3];
        long conns = server.accountConnections(account);
        if (conns + server.accountLeafConnections(account) > 0) {
            client.publishJson(request.reply(), countEvent(account, conns));
        }
    }

    private Map<String, Object> countEvent(String account, long conns) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "io.nats.server.advisory.v1.account_connections");
        event.put("id", eventId());
        event.put("timestamp", io.jnatsd.monitor.GoFormats.timestamp(Instant.now()));
        event.put("server", header.next());
        event.put("acc", account);
        event.put("conns", conns);
        long leafs = server.accountLeafConnections(account);
        event.put("leafnodes", leafs);
        event.put("total_conns", conns + leafs);
        return event;
    }

    private void remoteCount(SystemRequest message) {
        try {
            JsonNode event = GoJson.compact().readTree(message.body());
            String serverId = event.path("server").path("id").asText("");
            String account = event.path("acc").asText("");
            if (serverId.isEmpty() || account.isEmpty() || serverId.equals(server.serverId())) {
                return;
            }
            presence.heard(serverId, event.path("server").path("seq").asLong(0));
            server.remoteAccountConnections(serverId, account, event.path("conns").asInt(0));
            server.remoteAccountLeafConnections(serverId, account, event.path("leafnodes").asInt(0));
        } catch (IOException e) {
            LOG.debug("Ignoring a malformed account connections event: {}", e.getMessage());
        }
    }

    private static String eventId() {
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(id);
    }
}
