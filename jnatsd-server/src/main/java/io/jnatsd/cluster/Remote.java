package io.jnatsd.cluster;

import io.jnatsd.protocol.route.RouteInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One peer server and its route connections: a pool indexed by {@link PoolIndex} plus one
 * connection per pinned account, or a single connection carrying every account when either
 * side does not pool (a 2.9 peer, or {@code pool_size: -1}). Its slots are guarded by its own monitor because the interest path reads them from any loop.
 */
final class Remote {
    private final String serverId;
    private final boolean pooled;
    private final RouteConnection[] pool;
    private final Map<String, RouteConnection> pinned = new TreeMap<>();
    private final java.util.Set<String> pinnedAccounts;
    private RouteInfo info;
    private RouteUrl url;
    private boolean solicitedByUs;
    /**
     * When both servers dialed each other, the one whose server ID sorts first fills the pool and
     * the other leaves it to it: true when that is the peer.
     */
    private final boolean peerFillsWhenBothDial;
    /** Connections when the fill was left to the peer, or -1 when no check is due. */
    private int connectionsWhenLeftToPeer = -1;
    /** The peer stopped filling while something was missing: this server fills from now on. */
    private boolean fillsItself;
    private boolean lameDuck;
    /** The dials under way for missing pool slots (see {@link #startFill}). */
    private final List<RouteDial> poolFills = new ArrayList<>();
    /** The dials under way for missing pinned accounts, each dialed at once, beside the pool. */
    private final Map<String, RouteDial> pinnedFills = new TreeMap<>();

    Remote(RouteInfo info, int ourPoolSize, java.util.Set<String> pinnedAccounts, String ourServerId) {
        this.serverId = info.serverId;
        this.peerFillsWhenBothDial = info.serverId.compareTo(ourServerId) < 0;
        this.info = info;
        this.pooled = ourPoolSize > 0 && info.routePoolSize > 0;
        this.pinnedAccounts = pooled ? pinnedAccounts : java.util.Set.of();
        this.pool = new RouteConnection[pooled ? ourPoolSize : 1];
    }

    String serverId() {
        return serverId;
    }

    boolean pooled() {
        return pooled;
    }

    RouteInfo info() {
        return info;
    }

    void info(RouteInfo latest) {
        this.info = latest;
    }

    /** Where this peer is dialed again when its last connection closes, or null (it dialed us). */
    synchronized RouteUrl url() {
        return url;
    }

    /**
     * We closed our own dial to this peer as a duplicate of a connection it dialed: keep its URL so
     * the peer is re-dialed when lost (nats-server upgrades the survivor to "solicited, retry").
     */
    synchronized void adoptUrl(RouteUrl dialed) {
        if (url == null || (dialed.explicit() && !url.explicit())) {
            // A configured route stays configured (re-dialed forever), as nats-server keeps the
            // survivor of a duplicate "explicit" when the closed one was.
            url = dialed;
        }
    }

    /** Whether this peer's INFO names {@code url}'s address (its route listen or advertise address). */
    boolean reachableAt(RouteUrl url) {
        RouteInfo known = info;
        if (known.port == url.port() && url.host().equalsIgnoreCase(known.host)) {
            return true;
        }
        return known.ip != null && known.ip.equalsIgnoreCase("nats-route://" + url.hostPort() + "/");
    }

    synchronized boolean solicitedByUs() {
        return solicitedByUs;
    }

    boolean lameDuck() {
        return lameDuck;
    }

    void lameDuck(boolean value) {
        lameDuck = value;
    }

    /** Takes the connection's slot; false when it is taken (a duplicate). */
    synchronized boolean claim(RouteConnection connection) {
        String account = connection.pinnedAccount();
        if (account != null) {
            if (pinned.containsKey(account)) {
                return false;
            }
            pinned.put(account, connection);
        } else {
            int index = pooled ? connection.poolIndex() : 0;
            if (index >= pool.length || pool[index] != null) {
                return false;
            }
            pool[index] = connection;
        }
        if (connection.solicited()) {
            solicitedByUs = true;
            url = connection.dialUrl();
        }
        return true;
    }

    /**
     * Puts an accepted connection into its slot in place of a connection this server dialed.
     *
     * @return the connection it replaced, null (nothing changed) when the slot is not held by one we dialed
     */
    synchronized RouteConnection takeOver(RouteConnection accepted) {
        RouteConnection ours = occupant(accepted);
        if (ours == null || !ours.solicited()) {
            return null;
        }
        String account = accepted.pinnedAccount();
        if (account != null) {
            pinned.put(account, accepted);
        } else {
            pool[pooled ? accepted.poolIndex() : 0] = accepted;
        }
        return ours;
    }

    /** The connection that occupies {@code connection}'s slot. */
    synchronized RouteConnection occupant(RouteConnection connection) {
        String account = connection.pinnedAccount();
        if (account != null) {
            return pinned.get(account);
        }
        int index = pooled ? connection.poolIndex() : 0;
        return index < pool.length ? pool[index] : null;
    }

    synchronized void release(RouteConnection connection) {
        String account = connection.pinnedAccount();
        if (account != null) {
            pinned.remove(account, connection);
            return;
        }
        for (int i = 0; i < pool.length; i++) {
            if (pool[i] == connection) {
                pool[i] = null;
            }
        }
    }

    synchronized boolean isEmpty() {
        if (!pinned.isEmpty()) {
            return false;
        }
        for (RouteConnection connection : pool) {
            if (connection != null) {
                return false;
            }
        }
        return true;
    }

    /** The connection that carries {@code account}'s interest and messages to this peer, or null. */
    synchronized RouteConnection connectionFor(String account) {
        if (pinnedAccounts.contains(account)) {
            return pinned.get(account);
        }
        return pool[pooled ? PoolIndex.of(account, pool.length) : 0];
    }

    /** Pinned accounts that have no connection yet, in a stable order. */
    private List<String> missingPinned() {
        List<String> missing = new ArrayList<>();
        for (String account : new java.util.TreeSet<>(pinnedAccounts)) {
            if (!pinned.containsKey(account)) {
                missing.add(account);
            }
        }
        return missing;
    }


    /** The lowest-index live connection (gossip goes there). */
    synchronized RouteConnection first() {
        for (RouteConnection connection : pool) {
            if (connection != null) {
                return connection;
            }
        }
        return pinned.isEmpty() ? null : pinned.values().iterator().next();
    }

    /**
     * Starts the dials for what is missing: free pool slots, and every missing pinned account
     * that has no dial under way. None when the peer dialed us (it fills), always at the URL of
     * the pool's own dial.
     *
     * <p>nats-server dials the pool's slots one after the other, each 0-100 ms after the previous
     * one registered, and so does this with {@code allAtOnce} false. With it true every free slot
     * that no dial under way will take is dialed beside the others: with the default pool of
     * three, {@code $G} rides slot 2, so a cluster that has just started delivered nothing of the
     * global account until two pauses and two handshakes in a row had passed (JVMs still cold:
     * hundreds of milliseconds). Nothing changes on the wire: each connection still takes the
     * first free slot when it registers and names it in its INFO, as one that registered after
     * the previous one would. The caller decides where that is safe ({@link ReconnectPolicy}).
     */
    synchronized List<RouteDial> startFill(boolean allAtOnce) {
        List<RouteDial> dials = new ArrayList<>();
        if (!solicitedByUs) {
            return dials;
        }
        int taken = poolFills.size();
        for (int index = 0; index < pool.length && (allAtOnce || poolFills.isEmpty()); index++) {
            if (pool[index] == null && taken-- <= 0) {
                RouteDial dial = new RouteDial(url, index, null, 1);
                poolFills.add(dial);
                dials.add(dial);
            }
        }
        for (String account : missingPinned()) {
            if (!pinnedFills.containsKey(account)) {
                RouteDial dial = new RouteDial(url, 0, account, 1);
                pinnedFills.put(account, dial);
                dials.add(dial);
            }
        }
        return dials;
    }

    /** Who dials what is missing of a remote both servers dialed. */
    enum FillTurn {
        /** This server: it dialed the peer and the peer did not dial it, or the peer stopped filling. */
        OURS,
        /** The peer, and a check after the retry pause is already due. */
        PEERS,
        /** The peer: schedule the check after the retry pause ({@link #peerStillFilling}). */
        PEERS_CHECK_LATER
    }

    /**
     * Whether this server or the peer fills what is missing. When both dialed each other (the
     * peer holds a connection here that it solicited), the one whose server ID sorts first fills
     * and the other dials nothing. nats-server lets both dialers fill, and when many servers start
     * at once their dials then close each other as duplicates (pool full, slot taken); nothing on
     * the wire changes when one side dials less, and {@link #peerStillFilling} covers a peer that
     * does not fill (one that fills only after its own dials, as nats-server does).
     *
     * @param peerDialing whether a connection the peer dialed is in its handshake here: it counts
     *                    as dialed by the peer, so that the dials of both sides are not already under
     *                    way (and closing each other) by the time the peer's connection registers
     */
    synchronized FillTurn fillTurn(boolean peerDialing) {
        if (fillsItself || !peerFillsWhenBothDial || !(peerDialing || dialedByPeer())) {
            return FillTurn.OURS;
        }
        if (connectionsWhenLeftToPeer >= 0) {
            return FillTurn.PEERS;
        }
        connectionsWhenLeftToPeer = connectionCount();
        return FillTurn.PEERS_CHECK_LATER;
    }

    /**
     * The check after the retry pause: true (and another check is due) while connections are
     * still being added and something is missing; otherwise this server fills what is missing
     * from now on. Bounded: each true needs one more connection, and a remote holds at most its
     * pool and pinned connections.
     */
    synchronized boolean peerStillFilling() {
        int now = connectionCount();
        boolean missing = freePoolIndex() >= 0 || !missingPinned().isEmpty();
        if (missing && now > connectionsWhenLeftToPeer) {
            connectionsWhenLeftToPeer = now;
            return true;
        }
        connectionsWhenLeftToPeer = -1;
        fillsItself = missing;
        return false;
    }

    /** Whether the peer holds a connection here that it dialed. */
    synchronized boolean dialedByPeer() {
        for (RouteConnection connection : pool) {
            if (connection != null && !connection.solicited()) {
                return true;
            }
        }
        for (RouteConnection connection : pinned.values()) {
            if (!connection.solicited()) {
                return true;
            }
        }
        return false;
    }

    private int connectionCount() {
        int count = pinned.size();
        for (RouteConnection connection : pool) {
            if (connection != null) {
                count++;
            }
        }
        return count;
    }

    synchronized void endFill(RouteDial dial) {
        poolFills.removeIf(underWay -> underWay == dial);
        if (dial.pinnedAccount() != null) {
            pinnedFills.remove(dial.pinnedAccount(), dial);
        }
    }

    /** The slot a pooled connection we dialed takes: the first free one, or -1 when the pool is full. */
    synchronized int firstFreeSlot() {
        return freePoolIndex();
    }

    /** The first free pool index, or -1 when the pool is full. */
    private int freePoolIndex() {
        for (int i = 0; i < pool.length; i++) {
            if (pool[i] == null) {
                return i;
            }
        }
        return -1;
    }

    synchronized List<RouteConnection> connections() {
        List<RouteConnection> all = new ArrayList<>(pool.length + pinned.size());
        for (RouteConnection connection : pool) {
            if (connection != null) {
                all.add(connection);
            }
        }
        all.addAll(pinned.values());
        return all;
    }
}
