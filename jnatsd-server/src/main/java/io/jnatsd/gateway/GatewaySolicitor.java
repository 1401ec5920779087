package io.jnatsd.gateway;

import io.jnatsd.config.GatewayOptions;
import io.jnatsd.link.ConnectErrorReports;
import io.jnatsd.link.DialError;
import io.jnatsd.link.LinkDialer;
import io.jnatsd.transport.tls.GatewayTls;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one outbound connection to every remote cluster (GATEWAYS.md §2.5, §7): dials explicit
 * remotes forever and implicit ones {@code 1 + connect_retries} rounds, each round over every known
 * URL in random order with the first that connects winning; re-dials a closed explicit connection
 * after 1 s, an implicit one at once; logs as nats-server does.
 */
final class GatewaySolicitor {
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySolicitor.class);

    private final Gateways gateways;
    private final LinkDialer dialer;
    private final Map<String, RemoteCluster> remotes;
    private final GatewayOptions options;
    private final GatewayTls tls;
    private final ConnectErrorReports reports;

    GatewaySolicitor(Gateways gateways, LinkDialer dialer, Map<String, RemoteCluster> remotes, GatewayOptions options,
                     GatewayTls tls, ConnectErrorReports reports) {
        this.gateways = gateways;
        this.dialer = dialer;
        this.remotes = remotes;
        this.options = options;
        this.tls = tls;
        this.reports = reports;
    }

    void solicit(RemoteCluster remote) {
        if (gateways.shuttingDown() || remote.outbound() != null) {
            return;
        }
        String target = remote.nextUrl();
        if (target == null) {
            if (remote.exhausted()) {
                forget(remote);
            }
            return;
        }
        String kind = remote.explicit() ? "explicit" : "implicit";
        int attempt = remote.attempt();
        // nats-server reports the dial, and its failure, when it would report the failure
        boolean report = reports.asError(remote.neverConnected(), attempt);
        if (report) {
            LOG.info("Connecting to {} gateway \"{}\" ({}) at {} (attempt {})", kind, remote.name(), target, target, attempt);
        } else {
            LOG.debug("Connecting to {} gateway \"{}\" ({}) at {} (attempt {})", kind, remote.name(), target, target, attempt);
        }
        int colon = target.lastIndexOf(':');
        String host = target.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(target.substring(colon + 1));
        GatewayConnection connection = new GatewayConnection(gateways, gateways.nextConnectionId(), remote);
        var handler = tls.solicitor(remote.name(), connection, remote.certificateName(host), port, connection);
        dialer.dial(host, port, handler, cause -> {
            String why = DialError.describe(host, port, cause);
            if (report) {
                LOG.error("Error connecting to {} gateway \"{}\" ({}) at {} (attempt {}): {}", kind,
                        remote.name(), target, target, attempt, why);
            } else {
                LOG.debug("Error connecting to {} gateway \"{}\" ({}) at {} (attempt {}): {}", kind,
                        remote.name(), target, target, attempt, why);
            }
            retry(remote);
        });
    }

    /** A dial or handshake failed: the next URL of the round now, else a new round after 1 s. */
    void retry(RemoteCluster remote) {
        if (remote.failed()) {
            solicit(remote);
        } else {
            dialer.later(() -> solicit(remote), LinkDialer.RETRY_MILLIS);
        }
    }

    /** An implicit remote used up its rounds: forgotten, unless one of its servers is connected to us. */
    private void forget(RemoteCluster remote) {
        if (remote.explicit()) {
            return;
        }
        if (gateways.hasInboundFrom(remote.name())) {
            remote.restartRounds();
            dialer.later(() -> solicit(remote), LinkDialer.RETRY_MILLIS);
            return;
        }
        remotes.remove(remote.name(), remote);
    }

    /** A remote cluster and URLs learned from an inbound INFO or gossip: dialed when new. */
    void learned(String remoteName, List<String> urls) {
        if (remoteName == null || remoteName.isEmpty() || remoteName.equals(options.name())) {
            return;
        }
        RemoteCluster known = remotes.get(remoteName);
        if (known != null) {
            known.addUrls(urls);
            return;
        }
        if (options.rejectUnknown()) {
            return;
        }
        RemoteCluster fresh = new RemoteCluster(remoteName, false, options.connectRetries());
        fresh.addUrls(urls);
        if (remotes.putIfAbsent(remoteName, fresh) == null) {
            solicit(fresh);
        } else {
            remotes.get(remoteName).addUrls(urls);
        }
    }

    /** A registered outbound connection closed. */
    void reconnect(RemoteCluster remote) {
        LOG.debug("Attempting reconnect for gateway \"{}\"", remote.name());
        dialer.later(() -> solicit(remote), remote.explicit() ? LinkDialer.RETRY_MILLIS : 0);
    }
}
