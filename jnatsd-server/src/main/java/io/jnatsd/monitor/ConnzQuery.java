package io.jnatsd.monitor;

import java.util.Locale;

/**
 * The options of one {@code /connz} request, decoded in nats-server's order so the first bad
 * parameter gives its 400 text: auth, subs, offset, limit, cid, state, then the sort checks.
 */
record ConnzQuery(ConnectionSort sort, boolean auth, boolean subscriptions, boolean subscriptionsDetail,
                  int offset, int limit, long cid, State state, String user, String account) {

    static final int DEFAULT_LIMIT = 1024;

    enum State {
        OPEN, CLOSED, ANY;

        boolean includesOpen() {
            return this != CLOSED;
        }

        boolean includesClosed() {
            return this != OPEN;
        }
    }

    static ConnzQuery parse(QueryParameters query) throws BadRequestException {
        String sortKey = query.text("sort");
        boolean auth = query.bool("auth");
        boolean detail = "detail".equals(lowerCase(query.text("subs")));
        boolean subscriptions = !detail && query.bool("subs");
        long offset = query.integer("offset");
        long limit = query.integer("limit");
        long cid = query.unsigned("cid");
        State state = state(query.text("state"));
        ConnectionSort sort = ConnectionSort.parse(sortKey);
        if (sort.needsClosedConnections() && state != State.CLOSED) {
            throw new BadRequestException("sort by " + sort.key() + " only valid on closed connections");
        }
        int effectiveLimit = limit <= 0 ? DEFAULT_LIMIT : (int) Math.min(limit, Integer.MAX_VALUE);
        return new ConnzQuery(sort, auth, subscriptions, detail, (int) Math.max(0, Math.min(offset, Integer.MAX_VALUE)),
                cid > 0 ? 1 : effectiveLimit, cid, state, query.text("user"), query.text("acc"));
    }

    private static State state(String text) throws BadRequestException {
        if (text == null) {
            return State.OPEN;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "open" -> State.OPEN;
            case "closed" -> State.CLOSED;
            case "any", "all" -> State.ANY;
            default -> throw new BadRequestException("Error decoding state for " + text);
        };
    }

    private static String lowerCase(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
