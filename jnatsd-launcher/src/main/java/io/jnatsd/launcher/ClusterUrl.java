package io.jnatsd.launcher;

/**
 * The {@code --cluster} / {@code --cluster_listen} value: {@code nats://[user:pass@]host:port}.
 * The credentials, when present, become the cluster's authorization (as in nats-server).
 * Parsed by hand because {@code java.net.URI} rejects the random port {@code -1}.
 */
record ClusterUrl(String user, String password, String host, int port) {

    static ClusterUrl parse(String url) throws LaunchException {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            throw invalid(url, "expected scheme://host:port");
        }
        String authority = url.substring(scheme + 3);
        int slash = authority.indexOf('/');
        if (slash >= 0) {
            authority = authority.substring(0, slash);
        }
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            password = colon < 0 ? null : userInfo.substring(colon + 1);
            authority = authority.substring(at + 1);
        }
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.endsWith("]")) {
            throw invalid(url, "missing port in address");
        }
        String host = authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new ClusterUrl(user, password, host, Integer.parseInt(authority.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw invalid(url, "invalid port \"" + authority.substring(colon) + "\" after host");
        }
    }

    private static LaunchException invalid(String url, String reason) {
        return LaunchException.of("invalid cluster URL \"" + url + "\": " + reason);
    }
}
