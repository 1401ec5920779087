package io.jnatsd.config;

/**
 * nats-server's refusals of a monitoring port it cannot open, made as it makes them: at start,
 * after the banner, as a fatal line (not by {@code -t}).
 */
public final class MonitorChecks {
    private MonitorChecks() {
    }

    /** The fatal line's text, or null when the options can be served. */
    public static String problem(ServerOptions options) {
        if (options.httpsPort() == 0) {
            return null;
        }
        if (options.httpPort() != 0) {
            return "Can't start monitoring: can't specify both HTTP (" + options.httpPort() + ") and HTTPs ("
                    + options.httpsPort() + ") ports";
        }
        if (options.tls() == null) {
            return "Can't start monitoring: TLS cert and key required for HTTPS";
        }
        return null;
    }
}
