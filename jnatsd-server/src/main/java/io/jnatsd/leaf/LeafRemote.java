package io.jnatsd.leaf;

import io.jnatsd.config.LeafNodeOptions;
import io.jnatsd.link.CompressionNegotiation;
import io.jnatsd.transport.tls.CertificatePins;
import io.jnatsd.transport.tls.LeafTls;
import io.jnatsd.config.SubjectPermission;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One {@code remotes} entry and where to dial it next (LEAFNODES.md §13): the hub's learned
 * {@code leafnode_urls} (minus configured ones) followed by the configured URLs, shuffled unless
 * {@code no_randomize}, rebuilt on every INFO that lists URLs; after each attempt the URL tried
 * moves to the end. The first user info of a configured URL is reused for learned URLs.
 * Guarded by its own monitor: dial results and INFOs arrive on different loops.
 */
final class LeafRemote {
    private final LeafNodeOptions.Remote options;
    private final List<LeafUrl> configured = new ArrayList<>();
    private List<LeafUrl> urls;
    /** The URL dialed last. */
    private LeafUrl current;
    private final String user;
    private final String password;
    private final CompressionNegotiation compression;
    private final LeafCredentials credentials;
    private LeafTls tls;
    /** The {@code leafnodes {}} block's own TLS pins, which a dialed hub must match too. */
    private final CertificatePins leafNodePins;
    private volatile LeafConnection connection;
    private int failedAttempts;
    private boolean connectedOnce;

    LeafRemote(LeafNodeOptions.Remote options, CertificatePins leafNodePins) {
        this.options = options;
        this.leafNodePins = leafNodePins;
        this.compression = new CompressionNegotiation(options.compression());
        this.credentials = LeafCredentials.of(options.credentials(), options.seed());
        if (options.tls() != null) {
            tls = LeafTls.solicitor(options.tls(), leafNodePins);   // a bad block stops the start, as nats-server's does
        }
        String firstUser = null;
        String firstPassword = null;
        for (URI uri : options.urls()) {
            LeafUrl url = LeafUrl.of(uri);
            configured.add(url);
            if (firstUser == null && url.user() != null) {
                firstUser = url.user();
                firstPassword = url.password();
            }
        }
        if (!options.noRandomize()) {
            Collections.shuffle(configured);
        }
        this.user = firstUser;
        this.password = firstPassword;
        this.urls = new ArrayList<>(configured);
    }

    String localAccount() {
        return options.localAccount();
    }

    /** {@code hub: true}: we dial but act as the hub, and tell the peer so in CONNECT ({@code is_hub}). */
    boolean hub() {
        return options.hub();
    }

    CompressionNegotiation compression() {
        return compression;
    }

    /** The remote's creds file or seed, null when it authenticates with URL user info (or not at all). */
    LeafCredentials credentials() {
        return credentials;
    }

    /** Whether the remote's own {@code tls {}} block asks for TLS. */
    boolean tlsConfigured() {
        return options.tls() != null;
    }

    /**
     * A dial failed: its attempt number since the remote last connected (or since the start), and
     * whether it has never connected, as nats-server counts them for its error lines.
     */
    synchronized DialAttempt dialFailed() {
        failedAttempts++;
        return new DialAttempt(failedAttempts, !connectedOnce);
    }

    /** The TCP connection was made: the next failures count from 1 again, as reconnect attempts. */
    synchronized void dialSucceeded() {
        failedAttempts = 0;
        connectedOnce = true;
    }

    record DialAttempt(int number, boolean firstConnect) {
    }

    /** A reload's TLS client for the remote's own {@code tls {}} block; null keeps what there is. */
    synchronized void reloadTls(LeafTls fresh) {
        if (fresh != null) {
            tls = fresh;
        }
    }

    /** The remote's TLS client; made on first need when only the hub's INFO requires TLS. */
    synchronized LeafTls tls() {
        if (tls == null) {
            tls = LeafTls.solicitor(null, leafNodePins);
        }
        return tls;
    }

    /**
     * What this side may do on the connection (LEAFNODES.md §8.4): not send what {@code deny_exports}
     * names, not announce interest in what {@code deny_imports} names.
     */
    LeafPermissions permissions() {
        return permissions(null, null);
    }

    /**
     * The same merged with what the hub allows us (its INFO's {@code export} is what we may send,
     * {@code import} what we may subscribe to), as nats-server merges them.
     */
    LeafPermissions permissions(SubjectPermission export, SubjectPermission imports) {
        return LeafPermissions.of(withDenied(export, options.denyExports()), withDenied(imports, options.denyImports()));
    }

    private static SubjectPermission withDenied(SubjectPermission base, List<String> denied) {
        List<String> deny = new java.util.ArrayList<>(base == null ? List.of() : base.deny());
        deny.addAll(denied);
        return new SubjectPermission(base == null ? List.of() : base.allow(), deny);
    }

    List<String> denyImports() {
        return options.denyImports();
    }

    /**
     * The URL to dial now, or null when the remote has none. As nats-server picks it: when the
     * URL dialed last is first in the list (the list was rebuilt from an INFO since), it moves to
     * the end first, so a hub that refuses us is not dialed again and again while its INFO keeps
     * putting itself first.
     */
    synchronized LeafUrl next() {
        if (urls.isEmpty()) {
            return null;
        }
        if (current != null && urls.size() > 1 && urls.get(0).hostPort().equals(current.hostPort())) {
            urls.add(urls.remove(0));
        }
        current = urls.get(0);
        return current;
    }

    /** Whether this remote is dialed over websocket (its URLs are all {@code ws://} or {@code wss://}). */
    boolean websocket() {
        return options.websocket();
    }

    boolean websocketCompression() {
        return options.websocketCompression();
    }

    boolean websocketNoMasking() {
        return options.websocketNoMasking();
    }

    /**
     * The hub told us its cluster's URLs ({@code leafnode_urls}, or {@code ws_connect_urls} for a
     * websocket remote): they come first, then the configured ones.
     */
    synchronized void learned(List<String> hostPorts) {
        if (hostPorts == null || hostPorts.isEmpty() || configured.isEmpty()) {
            return;
        }
        List<LeafUrl> fresh = new ArrayList<>();
        for (String hostPort : hostPorts) {
            LeafUrl url = LeafUrl.learned(hostPort, configured.get(0));
            if (url != null && configured.stream().noneMatch(c -> c.hostPort().equals(url.hostPort()))) {
                fresh.add(url);
            }
        }
        fresh.addAll(configured);
        urls = fresh;
    }

    /** Credentials for a URL: its own user info, else the first one configured. */
    String user(LeafUrl url) {
        return url.user() != null ? url.user() : user;
    }

    String password(LeafUrl url) {
        return url.user() != null ? url.password() : password;
    }

    LeafConnection connection() {
        return connection;
    }

    void connection(LeafConnection current) {
        this.connection = current;
    }
}
