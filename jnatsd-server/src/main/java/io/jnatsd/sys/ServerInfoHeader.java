package io.jnatsd.sys;

import io.jnatsd.cluster.Cluster;
import io.jnatsd.monitor.GoFormats;
import io.jnatsd.server.NatsServer;
import io.jnatsd.protocol.Versions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code server} object every system message carries (nats-server's ServerInfo): who sent
 * it, and a sequence number that grows with each message this server sends, so a receiver can
 * tell order and loss.
 */
final class ServerInfoHeader {
    private final NatsServer server;
    private final AtomicLong sequence = new AtomicLong();

    ServerInfoHeader(NatsServer server) {
        this.server = server;
    }

    /** A fresh header with the next sequence number. */
    Map<String, Object> next() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", server.serverName());
        header.put("host", server.options().host());
        header.put("id", server.serverId());
        String cluster = clusterName();
        if (!cluster.isEmpty()) {
            header.put("cluster", cluster);
        }
        header.put("ver", Versions.PROTOCOL_VERSION);
        if (!server.options().serverTags().isEmpty()) {
            header.put("tags", server.options().serverTags());
        }
        header.put("jetstream", false);
        header.put("flags", 0);
        header.put("seq", sequence.incrementAndGet());
        header.put("time", GoFormats.timestamp(Instant.now()));
        return header;
    }

    String clusterName() {
        Cluster cluster = server.cluster();
        return cluster == null || cluster.name() == null ? "" : cluster.name();
    }
}
