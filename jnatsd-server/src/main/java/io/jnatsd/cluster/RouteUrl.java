package io.jnatsd.cluster;

import java.net.URI;

/**
 * A route URL ({@code nats-route://[user:pass@]host:port}; the scheme is not checked, as
 * nats-server does not check it). Credentials are sent in the route CONNECT.
 */
public record RouteUrl(String host, int port, String user, String password, boolean explicit) {

    public static RouteUrl of(URI uri, boolean explicit) {
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : null;
        }
        return new RouteUrl(uri.getHost(), uri.getPort(), user, password, explicit);
    }

    /** {@code host:port}, as /varz lists configured routes. */
    public String hostPort() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "nats-route://" + hostPort();
    }
}
