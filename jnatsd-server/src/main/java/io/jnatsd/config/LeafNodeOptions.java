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
 */
public record LeafNodeOptions(
        String host,
        int port,
        String advertise,
        boolean noAdvertise,
        List<LeafUser> users,
        Duration authTimeout,
        Duration reconnect,
        List<Remote> remotes) {

    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(1);
    /** nats-server's default leaf port, used for remote URLs without one. */
    public static final int DEFAULT_PORT = 7422;

    public LeafNodeOptions {
        users = List.copyOf(users);
        remotes = List.copyOf(remotes);
    }

    /** A leaf user; {@code account} null binds to the global account. */
    public record LeafUser(String user, String password, String account) {
    }

    /**
     * One entry of {@code remotes}: where to dial, the local account the connection is bound to, and
     * the subjects the hub may not send us ({@code deny_imports}) and we may not send it
     * ({@code deny_exports}).
     */
    public record Remote(List<URI> urls, String account, boolean noRandomize, List<String> denyImports,
                         List<String> denyExports) {
        public Remote {
            urls = List.copyOf(urls);
            denyImports = denyImports == null ? List.of() : List.copyOf(denyImports);
            denyExports = denyExports == null ? List.of() : List.copyOf(denyExports);
        }

        public Remote(List<URI> urls, String account, boolean noRandomize) {
            this(urls, account, noRandomize, List.of(), List.of());
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
        return new LeafNodeOptions(newHost, newPort, advertise, noAdvertise, users, authTimeout, reconnect, remotes);
    }

    public LeafNodeOptions withRemotes(List<Remote> newRemotes) {
        return new LeafNodeOptions(host, port, advertise, noAdvertise, users, authTimeout, reconnect, newRemotes);
    }
}
