package io.jnatsd.gateway;

import io.jnatsd.link.DialRounds;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One remote cluster this server keeps an outbound gateway connection to: explicit (from the
 * configuration, dialed forever) or implicit (learned from an inbound connection or gossip, dialed
 * {@code 1 + connect_retries} rounds), with every URL of it we know. Guarded by its own monitor.
 */
final class RemoteCluster {
    private final String name;
    private final boolean explicit;
    private final Set<String> urls = new LinkedHashSet<>();
    private final DialRounds rounds;
    private String user;
    private String password;
    private String tlsName;
    private GatewayConnection outbound;
    private boolean dialing;
    private boolean connectedOnce;

    RemoteCluster(String name, boolean explicit, int connectRetries) {
        this.name = name;
        this.explicit = explicit;
        this.rounds = new DialRounds(explicit ? DialRounds.FOREVER : 1 + connectRetries);
    }

    /** Adds configured URLs; credentials in a URL become the ones our CONNECT presents. */
    synchronized void addConfigured(List<URI> configured) {
        for (URI uri : configured) {
            if (uri.getHost() == null) {
                continue;
            }
            urls.add(uri.getHost() + ":" + (uri.getPort() < 0 ? 7222 : uri.getPort()));
            if (tlsName == null && !isIpAddress(uri.getHost())) {
                tlsName = uri.getHost();
            }
            String info = uri.getUserInfo();
            if (info != null && user == null) {
                int colon = info.indexOf(':');
                user = colon < 0 ? info : info.substring(0, colon);
                password = colon < 0 ? null : info.substring(colon + 1);
            }
        }
    }

    /**
     * The name a TLS peer's certificate must carry when we dial {@code host}: the host itself, or,
     * when it is an IP address (as gossiped URLs usually are), the first host name configured for
     * this remote, as nats-server does.
     */
    synchronized String certificateName(String host) {
        return tlsName != null && isIpAddress(host) ? tlsName : host;
    }

    private static boolean isIpAddress(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** Merges gossiped {@code host:port} URLs. */
    synchronized void addUrls(List<String> learned) {
        if (learned != null) {
            urls.addAll(learned);
        }
    }

    synchronized List<String> urls() {
        return new ArrayList<>(urls);
    }

    String name() {
        return name;
    }

    boolean explicit() {
        return explicit;
    }

    synchronized String user() {
        return user;
    }

    synchronized String password() {
        return password;
    }

    synchronized GatewayConnection outbound() {
        return outbound;
    }

    /**
     * The next URL to dial, starting a new round when the last one is used up.
     *
     * @return null when a dial is already under way, a connection is registered, no URL is known,
     *         or an implicit remote used up its rounds (see {@link #exhausted})
     */
    synchronized String nextUrl() {
        if (outbound != null || dialing) {
            return null;
        }
        if (!rounds.hasNext() && (urls.isEmpty() || !rounds.startRound(urls))) {
            return null;
        }
        dialing = true;
        return rounds.next();
    }

    synchronized boolean exhausted() {
        return outbound == null && !rounds.hasNext() && !dialing;
    }

    /** A dial or handshake failed: whether another URL of this round is left to try at once. */
    synchronized boolean failed() {
        dialing = false;
        return rounds.hasNext();
    }

    /** Counts rounds from zero again: an implicit remote kept while one of its servers is connected to us. */
    synchronized void restartRounds() {
        rounds.reset();
    }

    synchronized int attempt() {
        return rounds.attempt();
    }

    /** @return false when another outbound is already registered (the new one must go) */
    synchronized boolean register(GatewayConnection connection) {
        dialing = false;
        if (outbound != null) {
            return false;
        }
        outbound = connection;
        rounds.reset();
        connectedOnce = true;
        return true;
    }

    /** Whether no outbound connection to it has registered yet: its failures are a first connect's. */
    synchronized boolean neverConnected() {
        return !connectedOnce;
    }

    /** @return whether it was the registered outbound */
    synchronized boolean unregister(GatewayConnection connection) {
        if (outbound != connection) {
            return false;
        }
        outbound = null;
        return true;
    }
}
