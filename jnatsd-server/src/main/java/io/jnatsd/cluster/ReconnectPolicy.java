package io.jnatsd.cluster;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What to dial after a route connection registers, fails or closes (ROUTES.md §7, §11, §15).
 *
 * <ul>
 *   <li>A remote this server solicited has its pool filled and its pinned connections dialed
 *       ({@link #startFill}: one slot at a time, or all at once where no crossing dials are to
 *       come); a fill that fails or is refused is tried again after the retry pause while the
 *       remote lives, so a pool is never left short.</li>
 *   <li>A connection lost while its remote has others is refilled, a second later for a
 *       configured route (nats-server's reconnect delay).</li>
 *   <li>A remote whose last connection closed is re-dialed at the URL it is known by (its own
 *       dial, or the one inherited from a duplicate we closed): explicit routes forever, implicit
 *       ones {@code 1 + connect_retries} times. Whichever connection happens to close last does
 *       not matter.</li>
 *   <li>A connection that never registered (refused handshake) is re-dialed per its own dial.</li>
 * </ul>
 */
final class ReconnectPolicy {
    private final Cluster cluster;
    private final RouteDialer dialer;
    private final int connectRetries;
    /** Fill dials under way, by identity, with the remote each one fills. */
    private final Map<RouteDial, Remote> fills = Collections.synchronizedMap(new IdentityHashMap<>());

    ReconnectPolicy(Cluster cluster, RouteDialer dialer, int connectRetries) {
        this.cluster = cluster;
        this.dialer = dialer;
        this.connectRetries = connectRetries;
    }

    /** A connection took its slot: continue filling the pool if we dialed it. */
    void registered(RouteConnection connection, Remote remote) {
        if (connection.solicited()) {
            endFill(connection.dial());
            fillNext(remote, true);
        }
    }

    /** A dial for a pool slot or pinned account could not connect. */
    void fillDialFailed(RouteDial dial) {
        retryFillLater(endFill(dial));
    }

    /**
     * A connection closed.
     *
     * @param remote     the remote it was registered with, null if it never registered
     * @param remoteGone whether it was that remote's last connection
     */
    void closed(RouteConnection connection, Remote remote, boolean remoteGone) {
        if (remote == null) {
            Remote filled = connection.solicited() ? endFill(connection.dial()) : null;
            if (filled != null) {
                retryFillLater(filled);
            } else if (connection.solicited() && !connection.noReconnect()) {
                redialRefused(connection.dial());
            }
            return;
        }
        if (connection.noReconnect() || cluster.shuttingDown()) {
            return;
        }
        if (!remoteGone) {
            refillLost(remote);
            return;
        }
        RouteUrl url = remote.url();
        if (url == null) {
            return;
        }
        if (url.explicit()) {
            dialer.redial(RouteDial.explicit(url));
        } else {
            dialer.dialSoon(RouteDial.implicit(url, connectRetries));
        }
    }

    /**
     * A lost connection of a remote still connected is dialed again as nats-server re-dials it:
     * a configured route's after 1 s (and the fill's 0-100 ms), a gossiped one's at once. When a
     * silent peer's connections go stale together, the re-dials of all of them, the last one's
     * through {@link #closed}, thus start a second after the closes, as nats-server's do.
     */
    private void refillLost(Remote remote) {
        RouteUrl url = remote.url();
        if (url != null && url.explicit()) {
            dialer.later(() -> fillNext(remote, false));
        } else {
            fillNext(remote, false);
        }
    }

    /** A handshake refused before registering: explicit routes keep trying, implicit ones use up their attempts. */
    private void redialRefused(RouteDial dial) {
        if (dial.pinnedAccount() != null || dial.poolIndex() != 0 || cluster.shuttingDown()) {
            return;
        }
        RouteDial next = dial.afterFailure();
        if (!next.exhausted()) {
            dialer.redial(next);
        }
    }

    /**
     * Dials the next missing pool slot or pinned account of a live remote this server solicited,
     * unless the peer, which dialed us too, is the one that fills (see {@link Remote#fillTurn}):
     * then it is looked at again after the retry pause, and filled here if the peer stopped.
     */
    void fillNext(Remote remote, boolean afterRegistration) {
        if (cluster.shuttingDown() || !cluster.isCurrent(remote)) {
            return;
        }
        switch (remote.fillTurn(cluster.peerDialing(remote.serverId()))) {
            case OURS -> startFill(remote, afterRegistration);
            case PEERS_CHECK_LATER -> dialer.later(() -> checkPeerFill(remote));
            case PEERS -> {
                // the check already due looks again
            }
        }
    }

    private void checkPeerFill(Remote remote) {
        if (cluster.shuttingDown() || !cluster.isCurrent(remote)) {
            return;
        }
        if (remote.peerStillFilling()) {
            dialer.later(() -> checkPeerFill(remote));
        } else {
            startFill(remote, false);
        }
    }

    /**
     * Starts the dials for what is missing. A remote learned from gossip is filled one slot at a
     * time after the short random pause, as nats-server fills: two servers told of each other at
     * the same moment both dial, and when the pause ends the peer may have shown that it dials
     * too (its connections arrived meanwhile), so that a dial that is then the peer's turn is
     * dropped rather than sent to find the pool full. Every missing slot is dialed at once (see
     * {@link Remote#startFill}) where no such crossing is to come: a remote reached through a
     * configured route, dialed without the pause too (the servers seeded to it do not cross it,
     * and a peer that has this server configured as well dialed at its own start and shows in its
     * handshake or registration), and a peer whose own dial this server has seen, which leaves
     * the fill to us by the ID rule ({@link Remote#fillTurn}). A cluster started together waits
     * for these fills before its accounts' traffic flows. Only while a pool is being built (after
     * a registration): a connection lost later, or a fill tried again, is dialed one slot at a
     * time after the pause, so that a peer closing each new connection is not dialed in a loop.
     */
    private void startFill(Remote remote, boolean afterRegistration) {
        RouteUrl url = remote.url();
        boolean configured = afterRegistration && url != null && url.explicit();
        boolean crossed = afterRegistration && (remote.dialedByPeer() || cluster.peerDialing(remote.serverId()));
        for (RouteDial next : remote.startFill(configured || crossed)) {
            fills.put(next, remote);
            Runnable fill = () -> {
                Remote.FillTurn turn = remote.fillTurn(cluster.peerDialing(remote.serverId()));
                if (turn == Remote.FillTurn.OURS) {
                    dialer.dial(next);
                    return;
                }
                endFill(next);
                if (turn == Remote.FillTurn.PEERS_CHECK_LATER) {
                    dialer.later(() -> checkPeerFill(remote));
                }
            };
            if (configured) {
                dialer.now(fill);
            } else {
                dialer.soon(fill);
            }
        }
    }

    private Remote endFill(RouteDial dial) {
        Remote remote = fills.remove(dial);
        if (remote != null) {
            remote.endFill(dial);
        }
        return remote;
    }

    private void retryFillLater(Remote remote) {
        if (remote != null && !cluster.shuttingDown()) {
            dialer.later(() -> fillNext(remote, false));
        }
    }
}
