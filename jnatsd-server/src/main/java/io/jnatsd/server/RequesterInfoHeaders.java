package io.jnatsd.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.RequesterInfo;
import io.jnatsd.dispatch.Subscriber;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.MessageFrame;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Nats-Request-Info} header nats-server 2.10 writes on every request that crosses a
 * service import (checked on 2.10.27), replacing any the requester sent:
 *
 * <ul>
 *   <li>{@code {"acc":…,"rtt":…}} (the requester's account, its RTT in nanoseconds when known);</li>
 *   <li>with {@code "server"} and {@code "cluster"} added when the import leads into the system
 *       account;</li>
 *   <li>the client's whole ClientInfo ({@link ClientInfoDocument}) when the import is shared.</li>
 * </ul>
 *
 * A request from a leaf connection or from an import before this one in a chain is described by
 * its account only, and keeps a header it already has unless the import is shared or leads into
 * the system account (nats-server's details of leaf requesters are not reproduced).
 */
public final class RequesterInfoHeaders implements RequesterInfo {
    private static final String HEADER_LINE = "\r\n" + HEADER.toLowerCase(Locale.ROOT) + ":";

    private final NatsServer server;

    RequesterInfoHeaders(NatsServer server) {
        this.server = server;
    }

    @Override
    public String describe(Subscriber publisher, MessageFrame message, Account importer, Account exporter,
                           boolean shared) {
        boolean system = exporter.name().equals(server.options().systemAccountName());
        Map<String, Object> info;
        if (publisher instanceof ClientConnection client) {
            if (shared) {
                info = ClientInfoDocument.of(ConnectionSnapshot.open(client, false), server.serverName(), clusterName());
            } else {
                info = new LinkedHashMap<>();
                info.put("acc", client.accountName());
                long rtt = client.keepAlive().rttNanos();
                if (rtt > 0) {
                    info.put("rtt", rtt);
                }
            }
        } else {
            if (!shared && !system && carriesHeader(message)) {
                return null;
            }
            info = new LinkedHashMap<>();
            info.put("acc", importer.name());
        }
        if (system && !shared) {
            info.put("server", server.serverName());
            String cluster = clusterName();
            if (!cluster.isEmpty()) {
                info.put("cluster", cluster);
            }
        }
        try {
            return GoJson.compact().writeValueAsString(info);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String clusterName() {
        Cluster cluster = server.cluster();
        return cluster == null || cluster.name() == null ? "" : cluster.name();
    }

    private static boolean carriesHeader(MessageFrame message) {
        if (!message.hasHeaders()) {
            return false;
        }
        String headers = message.buffer().toString(message.payloadStart(), message.headerSize(), StandardCharsets.UTF_8);
        return headers.toLowerCase(Locale.ROOT).contains(HEADER_LINE);
    }
}
