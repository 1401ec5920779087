package io.jnatsd.server;

import io.jnatsd.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code connect_urls} this server tells its clients (CLIENT.md §3.1): plain clients the
 * cluster's client URLs, websocket clients its websocket URLs (ROUTES.md {@code ws_connect_urls}),
 * this server's own first. It remembers what each kind was last told, so that a change of the
 * peers is announced (an async INFO) only to the clients whose list it changed, as nats-server
 * announces it, and counts those changes for clients that registered in between.
 */
final class ConnectUrlLists {
    private volatile List<String> own = List.of();
    private volatile boolean peersEverKnown;
    /** A peer with a websocket listener was known: websocket clients' list never empties after. */
    private volatile boolean websocketPeersEverKnown;
    private volatile int plainVersion;
    private volatile int websocketVersion;
    private List<String> announcedPlain = List.of();
    private List<String> announcedWebsocket = List.of();

    /** What changed in a peer update: whose lists must be sent again. */
    record Changed(boolean plain, boolean websocket) {
        boolean any() {
            return plain || websocket;
        }
    }

    void own(List<String> urls) {
        own = List.copyOf(urls);
    }

    /** This server's own client URLs, as peers learn them. */
    List<String> own() {
        return own;
    }

    int plainVersion() {
        return plainVersion;
    }

    int websocketVersion() {
        return websocketVersion;
    }

    /**
     * Plain clients' list: ours first, then every peer's; none standalone or before the first
     * peer is known. Once a peer was known it never empties: when the last peer leaves it holds
     * this server alone, as nats-server's does, so clients that prune their server pool only on a
     * non-empty list (the C client) drop the departed servers.
     */
    List<String> forClients(Cluster cluster, boolean noAdvertise) {
        boolean noPeerYet = !peersEverKnown && (cluster == null || cluster.remoteCount() == 0);
        if (cluster == null || noAdvertise || noPeerYet) {
            return List.of();
        }
        return merged(own, cluster.peerClientUrls());
    }

    /**
     * Websocket clients' list: this server's websocket URLs first, then the peers'; none until a
     * peer with a websocket listener was known, as nats-server's list grows only from peers that
     * announce one. In lame duck mode the peers' alone, as for plain clients.
     */
    List<String> forWebsocketClients(Cluster cluster, WebsocketClients websocket, boolean noAdvertise,
                                     boolean lameDuck) {
        if (cluster == null || websocket == null || noAdvertise) {
            return List.of();
        }
        if (lameDuck) {
            return cluster.peerWebsocketUrls();
        }
        if (!websocketPeersEverKnown) {
            return List.of();
        }
        return merged(websocket.connectUrls(), cluster.peerWebsocketUrls());
    }

    /** The peers changed: which kinds of client must hear of it. */
    Changed peersChanged(Cluster cluster, WebsocketClients websocket, boolean noAdvertise, boolean lameDuck) {
        if (cluster != null && cluster.remoteCount() > 0) {
            peersEverKnown = true;
            if (!cluster.peerWebsocketUrls().isEmpty()) {
                websocketPeersEverKnown = true;
            }
        }
        synchronized (this) {
            List<String> plain = forClients(cluster, noAdvertise);
            List<String> websocketUrls = forWebsocketClients(cluster, websocket, noAdvertise, lameDuck);
            Changed changed = new Changed(!plain.equals(announcedPlain), !websocketUrls.equals(announcedWebsocket));
            announcedPlain = plain;
            announcedWebsocket = websocketUrls;
            if (changed.plain()) {
                plainVersion++;
            }
            if (changed.websocket()) {
                websocketVersion++;
            }
            return changed;
        }
    }

    private static List<String> merged(List<String> first, List<String> then) {
        List<String> urls = new ArrayList<>(first);
        for (String url : then) {
            if (!urls.contains(url)) {
                urls.add(url);
            }
        }
        return urls;
    }
}
