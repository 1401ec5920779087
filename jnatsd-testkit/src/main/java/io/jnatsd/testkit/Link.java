package io.jnatsd.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network conditions of one path through the proxies: the routes between two members, or
 * the clients of one member. Every proxied connection on the path registers here, so a change
 * reaches the connections already open. Cut and heal hold this object's monitor, so a
 * connection is either admitted before a cut (and reset by it) or held by it (and released by
 * the heal), never lost between the two.
 */
final class Link {
    private volatile long latencyNanos;
    private volatile boolean stalled;
    private boolean cut;
    private final Set<ProxiedConnection> open = ConcurrentHashMap.newKeySet();
    private final List<ProxiedConnection> held = new ArrayList<>();

    long latencyNanos() {
        return latencyNanos;
    }

    boolean stalled() {
        return stalled;
    }

    synchronized boolean isCut() {
        return cut;
    }

    /** Extra one-way delay for every byte in both directions; zero removes it. */
    void latency(Duration delay) {
        latencyNanos = delay.toNanos();
        open.forEach(ProxiedConnection::conditionsChanged);
    }

    /** Stops (or resumes) forwarding in both directions; connections stay open. */
    void stall(boolean value) {
        stalled = value;
        open.forEach(ProxiedConnection::conditionsChanged);
    }

    /** Resets the open connections and holds new ones until {@link #heal}. */
    void cut() {
        List<ProxiedConnection> reset;
        synchronized (this) {
            cut = true;
            reset = List.copyOf(open);
        }
        reset.forEach(ProxiedConnection::reset);
    }

    /** Lets held connections through; peers that were re-dialing reconnect. */
    void heal() {
        List<ProxiedConnection> released;
        synchronized (this) {
            cut = false;
            released = List.copyOf(held);
            held.clear();
        }
        released.forEach(ProxiedConnection::release);
    }

    /** Resets every open connection now (a member killed); the path itself stays usable. */
    void resetAll() {
        List.copyOf(open).forEach(ProxiedConnection::reset);
    }

    /** Whether a new connection may go through now; if not, it is held until the heal. */
    synchronized boolean admit(ProxiedConnection connection) {
        if (cut) {
            held.add(connection);
            return false;
        }
        open.add(connection);
        return true;
    }

    /**
     * A connection identified after it went through joins this link; false when the link is
     * cut, and the connection must be reset (it is past the point where it could be held).
     */
    synchronized boolean join(ProxiedConnection connection) {
        if (cut) {
            return false;
        }
        open.add(connection);
        return true;
    }

    void opened(ProxiedConnection connection) {
        open.add(connection);
    }

    synchronized void closed(ProxiedConnection connection) {
        open.remove(connection);
        held.remove(connection);
    }
}
