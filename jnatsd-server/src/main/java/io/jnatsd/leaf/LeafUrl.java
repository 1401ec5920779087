package io.jnatsd.leaf;

import io.jnatsd.config.LeafNodeOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One URL of a remote (LEAFNODES.md §2.2): host and port (7422 when absent) and the user info sent
 * as {@code user}/{@code pass} in CONNECT.
 */
record LeafUrl(String host, int port, String user, String password) {
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
        return new LeafUrl(uri.getHost().replace("[", "").replace("]", ""), port, user, password);
    }

    /** A {@code host:port} a hub listed in {@code leafnode_urls}; null when it does not parse. */
    static LeafUrl learned(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            return new LeafUrl(hostPort.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(hostPort.substring(colon + 1)), null, null);
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
