package io.jnatsd.auth;

/**
 * What an account (and a JWT user) allows one client beyond permissions, -1 meaning unlimited:
 * its subscriptions and message payload (the smaller of the user's and the account's, as
 * nats-server applies them before the server's own {@code max_subs}/{@code max_payload}) and the
 * account's active client connections.
 */
public record ClientLimits(long subscriptions, long payload, long accountConnections) {
    public static final long NO_LIMIT = -1;
    public static final ClientLimits NONE = new ClientLimits(NO_LIMIT, NO_LIMIT, NO_LIMIT);

    /** The smaller of two limits where -1 is unlimited. */
    public static long min(long a, long b) {
        if (a == NO_LIMIT) {
            return b;
        }
        return b == NO_LIMIT ? a : Math.min(a, b);
    }
}
