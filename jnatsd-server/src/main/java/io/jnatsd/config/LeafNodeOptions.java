package io.jnatsd.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The {@code leafnodes {}} block (LEAFNODES.md §2): the port leaf nodes dial in on, the users they
 * authenticate as (each bound to an account), and the remotes this server dials as a leaf node.
 * {@code port} 0 means no listener; -1 a random port.
 *
 * @param users          leaf users; empty means leafs authenticate like clients (LEAFNODES.md §6.4)
 * @param authTimeout    how long an accepted leaf may take to send CONNECT
 * @param reconnect      the pause before a remote is dialed again
 * @param tls            TLS on accepted leaf connections, null for none
 * @param compression    the S2 mode offered to accepted leafs
 * @param minVersion     the oldest server version an accepted leaf may run ({@code min_version}), null for any
 */
public record LeafNodeOptions(
        String host,
        int port,
        String advertise,
        boolean noAdvertise,
        List<LeafUser> users,
        Duration authTimeout,
        Duration reconnect,
        List<Remote> remotes,
        TlsOptions tls,
        LinkCompression compression,
        String minVersion) {

    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(1);
    /** nats-server's default leaf port, used for remote URLs without one. */
    public static final int DEFAULT_PORT = 7422;

    public LeafNodeOptions {
        users = List.copyOf(users);
        remotes = List.copyOf(remotes);
        compression = compression == null ? LinkCompression.LEAF_DEFAULT : compression;
    }

    /** A plain, default-compressed block, for tests and embedding. */
    public LeafNodeOptions(String host, int port, String advertise, boolean noAdvertise, List<LeafUser> users,
                           Duration authTimeout, Duration reconnect, List<Remote> remotes) {
        this(host, port, advertise, noAdvertise, users, authTimeout, reconnect, remotes, null, null, null);
    }

    /** The same block with other TLS for the listener and, one by one, for the remotes. */
    public LeafNodeOptions withTls(TlsOptions listenerTls, List<TlsOptions> remoteTls) {
        List<Remote> changed = new java.util.ArrayList<>();
        for (int i = 0; i < remotes.size(); i++) {
            changed.add(remotes.get(i).withTls(remoteTls.get(i)));
        }
        return new LeafNodeOptions(host, port, advertise, noAdvertise, users, authTimeout, reconnect, changed,
                listenerTls, compression, minVersion);
    }

    /**
     * A leaf user; {@code account} null binds to the global account. An NKey user
     * ({@code authorization { nkey: U..., account: A }}) has {@code nkey} set and no name: the leaf
     * proves it holds the key by signing the hub's nonce.
     */
    public record LeafUser(String user, String password, String account, String nkey) {
        public LeafUser(String user, String password, String account) {
            this(user, password, account, null);
        }
    }

    /**
     * One entry of {@code remotes}: where to dial and the local account the connection is bound to.
     *
     * @param tls         TLS towards the hub (also started when the hub's INFO requires it), null for none
     * @param compression the S2 mode asked of the hub
     * @param credentials a {@code .creds} file (user JWT and seed) presented to the hub, or null
     * @param seed        an NKey user seed presented to the hub, or null
     * @param denyImports subjects the hub may not send us ({@code deny_imports})
     * @param denyExports subjects we may not send the hub ({@code deny_exports})
     * @param hub         {@code hub: true}: this server is the hub on the connection it dials, the
     *                    server it dials the spoke (LEAFNODES.md §1)
     * @param websocketCompression {@code ws_compression}: ask a {@code ws://} hub for permessage-deflate
     * @param websocketNoMasking   {@code ws_no_masking}: ask a {@code ws://} hub to take unmasked frames
     */
    public record Remote(List<URI> urls, String account, boolean noRandomize, TlsOptions tls,
                         LinkCompression compression, String credentials, String seed, List<String> denyImports,
                         List<String> denyExports, boolean hub, boolean websocketCompression,
                         boolean websocketNoMasking) {
        public Remote {
            urls = List.copyOf(urls);
            compression = compression == null ? LinkCompression.LEAF_DEFAULT : compression;
            denyImports = denyImports == null ? List.of() : List.copyOf(denyImports);
            denyExports = denyExports == null ? List.of() : List.copyOf(denyExports);
        }

        /** A plain remote with the default compression, for tests and embedding. */
        public Remote(List<URI> urls, String account, boolean noRandomize) {
            this(urls, account, noRandomize, null, null, null, null, List.of(), List.of(), false, false, false);
        }

        /** The same remote with this server acting as the hub (or the spoke) on the connection. */
        public Remote withHub(boolean newHub) {
            return new Remote(urls, account, noRandomize, tls, compression, credentials, seed, denyImports,
                    denyExports, newHub, websocketCompression, websocketNoMasking);
        }

        public Remote withTls(TlsOptions newTls) {
            return new Remote(urls, account, noRandomize, newTls, compression, credentials, seed, denyImports,
                    denyExports, hub, websocketCompression, websocketNoMasking);
        }

        /** Whether the remote is dialed over websocket ({@code ws://} or {@code wss://} URLs). */
        public boolean websocket() {
            return !urls.isEmpty() && websocket(urls.get(0));
        }

        /** Whether a remote URL is a websocket one. */
        public static boolean websocket(URI url) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
            return scheme.equals("ws") || scheme.equals("wss");
        }

        /** The local account; nats-server's default is the global one. */
        public String localAccount() {
            return account == null ? "$G" : account;
        }
    }

    /** Whether a leafnode listener is opened. */
    public boolean listening() {
        return port != 0;
    }

    /** An options copy for tests and embedding: the same block listening elsewhere. */
    public LeafNodeOptions withListen(String newHost, int newPort) {
        return new LeafNodeOptions(newHost, newPort, advertise, noAdvertise, users, authTimeout, reconnect, remotes, tls,
                compression, minVersion);
    }

    /** The same block, its URL kept from leafs ({@code no_advertise}). */
    public LeafNodeOptions unadvertised() {
        return new LeafNodeOptions(host, port, advertise, true, users, authTimeout, reconnect, remotes, tls,
                compression, minVersion);
    }

    public LeafNodeOptions withRemotes(List<Remote> newRemotes) {
        return new LeafNodeOptions(host, port, advertise, noAdvertise, users, authTimeout, reconnect, newRemotes, tls,
                compression, minVersion);
    }
}
