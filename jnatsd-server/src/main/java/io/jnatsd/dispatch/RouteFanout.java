package io.jnatsd.dispatch;

import io.jnatsd.protocol.QueueNames;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;

/**
 * Scratch space of one event loop for one message: the distinct routes it must be forwarded to
 * and the queue groups picked on each, so every peer connection gets exactly one RMSG however
 * many of its interests matched. Reused message after message, so forwarding allocates nothing.
 */
final class RouteFanout {
    private static final FastThreadLocal<RouteFanout> CURRENT = new FastThreadLocal<>() {
        @Override
        protected RouteFanout initialValue() {
            return new RouteFanout();
        }
    };

    private RouteLink[] routes = new RouteLink[8];
    private QueueNames[] queues = new QueueNames[8];
    private int size;

    static RouteFanout current() {
        RouteFanout fanout = CURRENT.get();
        fanout.clear();
        return fanout;
    }

    private void clear() {
        for (int i = 0; i < size; i++) {
            routes[i] = null;
            queues[i].clear();
        }
        size = 0;
    }

    /** The route's entry, added when new; returns its queue list. */
    QueueNames add(RouteLink route) {
        for (int i = 0; i < size; i++) {
            if (routes[i] == route) {
                return queues[i];
            }
        }
        if (size == routes.length) {
            routes = Arrays.copyOf(routes, size * 2);
            queues = Arrays.copyOf(queues, size * 2);
        }
        if (queues[size] == null) {
            queues[size] = new QueueNames();
        }
        routes[size] = route;
        return queues[size++];
    }

    int size() {
        return size;
    }

    RouteLink route(int i) {
        return routes[i];
    }

    QueueNames queues(int i) {
        return queues[i];
    }
}
