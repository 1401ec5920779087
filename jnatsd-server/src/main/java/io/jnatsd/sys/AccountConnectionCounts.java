package io.jnatsd.sys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.ConnectionEvents;
import io.jnatsd.server.ConnectionSnapshot;
import io.jnatsd.server.NatsServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account connection counts shared across the cluster, as nats-server shares them: after each
 * client of an account connects or disconnects, this server publishes its count on
 * {@code $SYS.ACCOUNT.<account>.SERVER.CONNS} ({@code io.nats.server.advisory.v1.account_connections}),
 * and it takes the other servers' counts from the same subject, so an account's connection
 * limit holds for the whole cluster. Leaf connections are counted apart ({@code leafnodes}) for
 * the account's leaf limit. Wraps the connect/disconnect advisories.
 */
final class AccountConnectionCounts implements ConnectionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(AccountConnectionCounts.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final NatsServer server;
    private final SystemClient client;
    private final ServerInfoHeader header;
    private final ConnectionEvents advisories;

    AccountConnectionCounts(NatsServer server, SystemClient client, ServerInfoHeader header, ConnectionEvents advisories) {
        this.server = server;
        this.client = client;
        this.header = header;
        this.advisories = advisories;
    }

    void subscribe() {
        client.subscribe("$SYS.ACCOUNT.*.SERVER.CONNS", this::remoteCount);
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

    private void announce(String account) {
        if (account == null || account.equals(client.account().name()) || account.equals("$G")) {
            return;
        }
        client.execute(() -> {
            long conns = server.accountConnections(account);
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
            client.publishJson("$SYS.ACCOUNT." + account + ".SERVER.CONNS", event);
            // nats-server 2.10 sends both subjects and counts other servers' reports from the old one
            client.publishJson("$SYS.SERVER.ACCOUNT." + account + ".CONNS", event);
        });
    }

    private void remoteCount(SystemRequest message) {
        try {
            JsonNode event = JSON.readTree(message.body());
            String serverId = event.path("server").path("id").asText("");
            String account = event.path("acc").asText("");
            if (serverId.isEmpty() || account.isEmpty() || serverId.equals(server.serverId())) {
                return;
            }
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
