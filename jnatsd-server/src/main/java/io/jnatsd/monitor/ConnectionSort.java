package io.jnatsd.monitor;

import io.jnatsd.server.ConnectionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.ToLongFunction;

/**
 * The {@code /connz?sort=} keys. As in nats-server, cid and start sort ascending, uptime and
 * reason ascending, every other key largest first; ties are broken by cid so pages are stable.
 */
enum ConnectionSort {
    CID("cid"),
    START("start"),
    SUBS("subs"),
    PENDING("pending"),
    MSGS_TO("msgs_to"),
    MSGS_FROM("msgs_from"),
    BYTES_TO("bytes_to"),
    BYTES_FROM("bytes_from"),
    LAST("last"),
    IDLE("idle"),
    UPTIME("uptime"),
    STOP("stop"),
    REASON("reason"),
    RTT("rtt");

    private static final Comparator<ConnectionSnapshot> BY_CID = Comparator.comparingLong(ConnectionSnapshot::cid);

    private final String key;

    ConnectionSort(String key) {
        this.key = key;
    }

    static ConnectionSort parse(String key) throws BadRequestException {
        if (key == null) {
            return CID;
        }
        for (ConnectionSort sort : values()) {
            if (sort.key.equals(key)) {
                return sort;
            }
        }
        throw new BadRequestException("invalid sorting option: " + key);
    }

    /** Only closed connections have a stop time and a reason. */
    boolean needsClosedConnections() {
        return this == STOP || this == REASON;
    }

    String key() {
        return key;
    }

    Comparator<ConnectionSnapshot> comparator(Instant now) {
        Comparator<ConnectionSnapshot> order = switch (this) {
            case CID, START -> BY_CID;
            case SUBS -> descending(ConnectionSnapshot::subscriptionCount);
            case PENDING -> descending(ConnectionSnapshot::pendingBytes);
            case MSGS_TO -> descending(ConnectionSnapshot::outMessages);
            case MSGS_FROM -> descending(ConnectionSnapshot::inMessages);
            case BYTES_TO -> descending(ConnectionSnapshot::outBytes);
            case BYTES_FROM -> descending(ConnectionSnapshot::inBytes);
            case LAST -> descending(connection -> connection.lastActivity().toEpochMilli());
            case IDLE -> descending(connection -> idle(connection, now).toNanos());
            case UPTIME -> Comparator.comparingLong(connection -> uptime(connection, now).toNanos());
            case STOP -> descending(connection -> connection.stop() == null ? 0 : connection.stop().toEpochMilli());
            case REASON -> Comparator.comparing(connection -> connection.reason() == null ? "" : connection.reason());
            case RTT -> descending(ConnectionSnapshot::rttNanos);
        };
        return order.thenComparing(BY_CID);
    }

    /** Until now for open connections, until the close for closed ones. */
    static Duration uptime(ConnectionSnapshot connection, Instant now) {
        return Duration.between(connection.start(), end(connection, now));
    }

    static Duration idle(ConnectionSnapshot connection, Instant now) {
        return Duration.between(connection.lastActivity(), end(connection, now));
    }

    private static Instant end(ConnectionSnapshot connection, Instant now) {
        return connection.stop() == null ? now : connection.stop();
    }

    private static Comparator<ConnectionSnapshot> descending(ToLongFunction<ConnectionSnapshot> key) {
        return Comparator.comparingLong(key).reversed();
    }
}
