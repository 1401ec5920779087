package io.jnatsd.leaf;

import io.jnatsd.config.LeafNodeOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One URL of a remote (LEAFNODES.md §2.2): host and port (7422 when absent), the user info sent
 * as {@code user}/{@code pass} in CONNECT, and for {@code ws://}/{@code wss://} the websocket
 * upgrade's path ({@code wss} also means TLS before the upgrade).
 */
record LeafUrl(String host, int port, String user, String password, boolean websocket, boolean secure, String path) {
    static LeafUrl of(URI uri) {
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        int port = uri.getPort() < 0 ? LeafNodeOptions.DEFAULT_PORT : uri.getPort();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return new LeafUrl(uri.getHost().replace("[", "").replace("]", ""), port, user, password,
                LeafNodeOptions.Remote.websocket(uri), scheme.equals("wss"), uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /**
     * A {@code host:port} a hub listed ({@code leafnode_urls}, or {@code ws_connect_urls} for a
     * websocket remote, whose scheme {@code like} gives); null when it does not parse.
     */
    static LeafUrl learned(String hostPort, LeafUrl like) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            return new LeafUrl(hostPort.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(hostPort.substring(colon + 1)), null, null, like.websocket, like.secure, "");
        } catch (NumberFormatException bad) {
            return null;
        }
    }

    String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
