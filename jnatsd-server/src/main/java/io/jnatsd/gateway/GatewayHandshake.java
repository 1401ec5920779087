package io.jnatsd.gateway;

import io.jnatsd.auth.Passwords;
import io.jnatsd.config.GatewayOptions;
import io.jnatsd.protocol.ProtocolError;
import io.jnatsd.protocol.Versions;
import io.jnatsd.protocol.gateway.GatewayConnect;
import io.jnatsd.protocol.gateway.GatewayInfo;
import io.jnatsd.transport.tls.GatewayTls;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway handshake's rules (GATEWAYS.md §3): what our INFO and CONNECT say, and who is
 * refused with which {@code -ERR} and close reason — a client or route on the gateway port, bad
 * credentials, an unknown cluster under {@code reject_unknown_cluster}, a URL that reaches another
 * cluster than the one named, a duplicate server name.
 */
final class GatewayHandshake {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandshake.class);

    private final GatewayEnvironment environment;
    private final GatewayOptions options;
    private final GatewayTls tls;

    GatewayHandshake(GatewayEnvironment environment, GatewayOptions options, GatewayTls tls) {
        this.environment = environment;
        this.options = options;
        this.tls = tls;
    }

    /** The acceptor's checks of a CONNECT; a refused connection is closed here. */
    void admit(GatewayConnection connection, GatewayConnect connect) {
        if (connect.gateway == null || connect.gateway.isEmpty()) {
            if (options.authRequired()) {
                LOG.error("{} - authentication error", connection.logPrefix());
                connection.fail(ProtocolError.AUTHORIZATION_VIOLATION.text(), "Authentication Failure");
            } else {
                connection.fail(ProtocolError.ATTEMPTED_TO_CONNECT_TO_GATEWAY_PORT.text(), "Wrong Port");
            }
            return;
        }
        if (options.rejectUnknown() && options.gateways().stream().noneMatch(g -> connect.gateway.equals(g.name()))) {
            LOG.error("{} - Rejecting connection from gateway \"{}\"", connection.logPrefix(), connect.gateway);
            connection.fail(ProtocolError.gatewayRejected(options.name()), "Wrong Gateway");
            return;
        }
        if (options.authRequired() && !(options.user().equals(connect.user)
                && Passwords.matches(connect.pass, options.password()))) {
            LOG.error("{} - authentication error", connection.logPrefix());
            connection.fail(ProtocolError.AUTHORIZATION_VIOLATION.text(), "Authentication Failure");
        }
    }

    /**
     * The solicitor's checks of the acceptor's INFO.
     *
     * @return the CONNECT to answer with, or null when the connection was refused (and closed)
     */
    GatewayConnect answer(GatewayConnection connection, RemoteCluster remote, GatewayInfo info) {
        if (info.gateway == null || info.gateway.isEmpty()) {
            connection.fail(ProtocolError.gatewayWrongPort(remote.name()), "Wrong Port");
            return null;
        }
        if (!info.gateway.equals(remote.name())) {
            LOG.error("{} - Failing connection to gateway \"{}\", remote gateway name is \"{}\"",
                    connection.logPrefix(), remote.name(), info.gateway);
            connection.fail(ProtocolError.gatewayWrongName(options.name(), remote.name(), info.gateway),
                    "Wrong Gateway");
            return null;
        }
        if (duplicateName(connection, info)) {
            return null;
        }
        GatewayConnect connect = new GatewayConnect();
        connect.name = environment.serverId();
        connect.gateway = options.name();
        connect.tlsRequired = tls.soliciting(remote.name());
        // the URL's credentials first, else our own gateway credentials (as nats-server)
        connect.user = remote.user() != null ? remote.user() : options.user();
        connect.pass = remote.user() != null ? remote.password() : options.password();
        return connect;
    }

    /** The acceptor's checks of the solicitor's INFO. */
    boolean acceptable(GatewayConnection connection, GatewayInfo info) {
        if (info.gateway == null || info.gateway.isEmpty()) {
            connection.fail(ProtocolError.AUTHORIZATION_VIOLATION.text(), "Wrong Gateway");
            return false;
        }
        return !duplicateName(connection, info);
    }

    private boolean duplicateName(GatewayConnection connection, GatewayInfo info) {
        if (info.serverName != null && info.serverName.equals(environment.serverName())) {
            LOG.error("{} - Remote server has a duplicate name: \"{}\"", connection.logPrefix(), info.serverName);
            connection.close("Duplicate Server Name");
            return true;
        }
        return false;
    }

    /** Our INFO (GATEWAYS.md §3.4): interest-only from the start, new reply prefix understood. */
    GatewayInfo ourInfo(String url, List<String> clusterUrls) {
        GatewayInfo info = new GatewayInfo();
        info.serverId = environment.serverId();
        info.serverName = environment.serverName();
        info.version = Versions.PROTOCOL_VERSION;
        int colon = url.lastIndexOf(':');
        info.host = url.substring(0, colon);
        info.port = Integer.parseInt(url.substring(colon + 1));
        info.headers = !environment.options().noHeaderSupport();
        info.authRequired = options.authRequired();
        info.tlsRequired = tls.accepting();
        info.tlsVerify = tls.accepting();
        info.maxPayload = environment.options().maxPayload();
        info.gateway = options.name();
        info.gatewayUrls = clusterUrls;
        info.gatewayUrl = url;
        info.newReplyPrefix = true;
        info.interestOnlyMode = true;
        return info;
    }
}
