package io.jnatsd.gateway;

import java.net.InetSocketAddress;
import java.time.Instant;

/** One gateway connection as /gatewayz shows it (GATEWAYS.md §6.1). */
public final class GatewayView {
    private final String gateway;
    private final boolean configured;
    private final GatewayConnection connection;

    GatewayView(String gateway, boolean configured, GatewayConnection connection) {
        this.gateway = gateway;
        this.configured = configured;
        this.connection = connection;
    }

    /** The remote cluster's gateway name. */
    public String gateway() {
        return gateway;
    }

    public boolean configured() {
        return configured;
    }

    public long cid() {
        return connection.id();
    }

    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    public Instant started() {
        return connection.started();
    }

    public long lastActivityMillis() {
        return connection.lastActivityMillis();
    }

    public long rttNanos() {
        return connection.rttNanos();
    }

    public long pendingBytes() {
        return connection.outbound() == null ? 0 : connection.outbound().pendingBytes();
    }

    public long inMessages() {
        return connection.inMessages();
    }

    public long inBytes() {
        return connection.inBytes();
    }

    public long outMessages() {
        return connection.outbound() == null ? 0 : connection.outbound().outMessages();
    }

    public long outBytes() {
        return connection.outbound() == null ? 0 : connection.outbound().outBytes();
    }

    /** Remote interest entries held (outbound connections only). */
    public int subscriptions() {
        return connection.interest().size();
    }

    /** Accounts with remote interest, with how many entries each (outbound, {@code accs=1}). */
    public java.util.Map<String, Integer> accountSubscriptions() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String account : connection.interest().accounts()) {
            counts.put(account, connection.interest().size(account));
        }
        return counts;
    }

    /** The interest the remote cluster holds in {@code account} on this (outbound) connection. */
    public java.util.List<io.jnatsd.dispatch.Subscription> accountInterest(String account) {
        String prefix = account + ' ';
        java.util.List<io.jnatsd.dispatch.Subscription> interest = new java.util.ArrayList<>();
        for (io.jnatsd.dispatch.Subscription entry : connection.interest().all()) {
            if (entry.sid().startsWith(prefix)) {
                interest.add(entry);
            }
        }
        return interest;
    }

    /** The TLS version ({@code 1.3}); null on a plain connection. */
    public String tlsVersion() {
        return connection.tlsVersion();
    }

    public String tlsCipherSuite() {
        return connection.tlsCipherSuite();
    }

    /** The interest mode of {@code account} on this connection ({@code Optimistic}, {@code Transitioning}, {@code Interest-Only}). */
    public String interestMode(String account) {
        return connection.solicited() ? connection.modes().mode(account).shown() : "Interest-Only";
    }

    /** How many subjects of {@code account} the remote refused while optimistic. */
    public int noInterestCount(String account) {
        return connection.solicited() ? connection.modes().refusedCount(account) : 0;
    }

    /** The remote server's ID. */
    public String serverId() {
        return connection.remoteServerId();
    }
}
