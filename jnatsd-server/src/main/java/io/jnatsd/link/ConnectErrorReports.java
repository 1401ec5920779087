package io.jnatsd.link;

import io.jnatsd.config.ServerOptions;
import java.util.function.Supplier;

/**
 * Which failed dials of a route or leaf remote are logged as errors, as nats-server decides it:
 * until the link has connected once, the first attempt and every {@code connect_error_reports}-th
 * (3600 by default, about once an hour); when it dials again after losing a connection, the first
 * attempt and every {@code reconnect_error_reports}-th (every one by default). The others are
 * logged at debug level. The options are read at each failure, so a reload changes them.
 */
public final class ConnectErrorReports {
    private final Supplier<ServerOptions> options;

    public ConnectErrorReports(Supplier<ServerOptions> options) {
        this.options = options;
    }

    /** Whether failed attempt {@code attempt} (from 1) is logged as an error. */
    public boolean asError(boolean firstConnect, int attempt) {
        ServerOptions current = options.get();
        int every = firstConnect ? current.connectErrorReports() : current.reconnectErrorReports();
        return attempt == 1 || (every > 0 && attempt % every == 0);
    }
}
