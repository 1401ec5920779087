package io.jnatsd.sys;

import io.jnatsd.dispatch.Account;
import io.jnatsd.monitor.GoFormats;
import io.jnatsd.server.ClientInfoDocument;
import io.jnatsd.server.ConnectionEvents;
import io.jnatsd.server.ConnectionSnapshot;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client connect and disconnect advisories on {@code $SYS.ACCOUNT.<account>.CONNECT} and
 * {@code .DISCONNECT}, with nats-server's JSON ({@code io.nats.server.advisory.v1.client_connect}
 * and {@code client_disconnect}). A disconnect is only announced for a connection whose connect
 * was (one that never completed CONNECT stays silent), and both are published from the system
 * thread, so a client's connect always precedes its disconnect.
 *
 * <p>As in nats-server, clients of the global account ({@code $G}) are not announced. An advisory
 * is built only when its subject has interest at that moment (a subscriber here, on a route or
 * leaf peer, or across a gateway): building one costs tens of kilobytes of garbage per connect,
 * which with thousands of clients fills the young generation, and without interest nobody could
 * tell the difference, except that the {@code server.seq} of the messages that are sent no
 * longer counts the skipped ones. A disconnect is announced (given interest) even when its
 * connect was skipped, as nats-server sends it.
 */
final class ConnectionAdvisories implements ConnectionEvents {
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SystemClient client;
    private final ServerInfoHeader header;
    private final Set<Long> announced = ConcurrentHashMap.newKeySet();

    ConnectionAdvisories(SystemClient client, ServerInfoHeader header) {
        this.client = client;
        this.header = header;
    }

    @Override
    public void connected(ConnectionSnapshot connection) {
        String account = connection.account();
        if (account == null || account.equals(Account.GLOBAL)) {
            return;
        }
        announced.add(connection.cid());
        String subject = "$SYS.ACCOUNT." + account + ".CONNECT";
        if (!client.hasInterest(subject)) {
            return;
        }
        client.execute(() -> {
            Map<String, Object> event = event("io.nats.server.advisory.v1.client_connect", Instant.now());
            Map<String, Object> client = clientInfo(connection);
            // nats-server's connect event leaves the RTT out (its disconnect event has it).
            client.remove("rtt");
            event.put("client", client);
            publish(subject, event);
        });
    }

    @Override
    public void disconnected(ConnectionSnapshot connection) {
        if (!announced.remove(connection.cid())) {
            return;
        }
        String subject = "$SYS.ACCOUNT." + connection.account() + ".DISCONNECT";
        if (!client.hasInterest(subject)) {
            return;
        }
        client.execute(() -> {
            Map<String, Object> event = event("io.nats.server.advisory.v1.client_disconnect", connection.stop());
            event.put("client", clientInfo(connection));
            // "sent" is what the client sent (the server received), as nats-server reports it.
            event.put("sent", dataStats(connection.inMessages(), connection.inBytes()));
            event.put("received", dataStats(connection.outMessages(), connection.outBytes()));
            event.put("reason", connection.reason());
            publish(subject, event);
        });
    }

    private Map<String, Object> event(String type, Instant timestamp) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("id", eventId());
        event.put("timestamp", GoFormats.timestamp(timestamp));
        event.put("server", header.next());
        return event;
    }

    /** nats-server's ClientInfo: empty fields are left out. */
    private static Map<String, Object> clientInfo(ConnectionSnapshot connection) {
        return ClientInfoDocument.of(connection, null, null);
    }

    private static Map<String, Object> dataStats(long messages, long bytes) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("msgs", messages);
        stats.put("bytes", bytes);
        return stats;
    }

    private void publish(String subject, Map<String, Object> event) {
        client.publishJson(subject, event);
    }

    /** A unique event id shaped like nats-server's (22 base-62 characters). */
    private static String eventId() {
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(id);
    }
}
