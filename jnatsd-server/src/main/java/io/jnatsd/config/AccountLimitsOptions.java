package io.jnatsd.config;

/**
 * {@code accounts { NAME { limits { ... } } }}: the account's client connections, subscriptions
 * per client, payload per message and leaf node connections, -1 (the default) meaning unlimited,
 * as nats-server 2.10 reads {@code max_connections}, {@code max_subscriptions}, {@code max_payload}
 * and {@code max_leafnodes}.
 */
public record AccountLimitsOptions(long maxConnections, long maxSubscriptions, long maxPayload, long maxLeafNodes) {
    public static final AccountLimitsOptions NONE = new AccountLimitsOptions(-1, -1, -1, -1);
}
