package io.jnatsd.config;

/**
 * {@code accounts { NAME { limits { ... } } }}: the account's client connections, subscriptions
 * per client and payload per message, -1 (the default) meaning unlimited, as nats-server 2.10
 * reads {@code max_connections}, {@code max_subscriptions} and {@code max_payload}.
 */
public record AccountLimitsOptions(long maxConnections, long maxSubscriptions, long maxPayload) {
    public static final AccountLimitsOptions NONE = new AccountLimitsOptions(-1, -1, -1);
}
