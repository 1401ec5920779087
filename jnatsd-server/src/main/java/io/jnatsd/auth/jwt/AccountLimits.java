package io.jnatsd.auth.jwt;

/**
 * The limits of an account JWT ({@code nats.limits}) nats-server applies without JetStream:
 * connections, leaf node connections, subscriptions and payload per client. As nats-server reads
 * them, -1 is unlimited and an absent value is 0. {@code data} is carried but, as in
 * nats-server, not enforced.
 */
public record AccountLimits(long connections, long leafNodeConnections, long subscriptions, long payload, long data) {
    public static final long NO_LIMIT = -1;
    public static final AccountLimits UNLIMITED = new AccountLimits(NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
}
