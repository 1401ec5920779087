package io.jnatsd.cluster;

/**
 * One connection this server dials: where, for which pool slot or pinned account, and how
 * persistently (explicit routes forever, implicit ones a bounded number of attempts).
 */
record RouteDial(RouteUrl url, int poolIndex, String pinnedAccount, int attemptsLeft) {
    static final int FOREVER = Integer.MAX_VALUE;

    static RouteDial explicit(RouteUrl url) {
        return new RouteDial(url, 0, null, FOREVER);
    }

    static RouteDial implicit(RouteUrl url, int connectRetries) {
        return new RouteDial(url, 0, null, 1 + Math.max(0, connectRetries));
    }

    RouteDial afterFailure() {
        return attemptsLeft == FOREVER ? this : new RouteDial(url, poolIndex, pinnedAccount, attemptsLeft - 1);
    }

    boolean exhausted() {
        return attemptsLeft <= 0;
    }
}
