package io.jnatsd.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The {@code gateway {}} block (GATEWAYS.md §1): this cluster's gateway name and listener, the
 * credentials remote gateways must present, and the remote clusters to dial. {@code port} -1 asks
 * for a random port, 0 means none was given (a start-up error, as in nats-server).
 *
 * @param connectRetries extra dial rounds for an implicit remote before it is forgotten
 * @param authTimeout    how long an accepted connection may take to send CONNECT
 * @param gateways       the explicit remotes, in file order, our own name included (it is ignored
 *                       when dialing, as nats-server does)
 */
public record GatewayOptions(
        String name,
        String host,
        int port,
        String advertise,
        int connectRetries,
        String user,
        String password,
        Duration authTimeout,
        TlsOptions tls,
        boolean rejectUnknown,
        List<RemoteGateway> gateways) {

    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);

    public GatewayOptions {
        gateways = List.copyOf(gateways);
    }

    /** One entry of {@code gateways: [...]}; {@code name} null or {@code urls} empty fail at start-up. */
    public record RemoteGateway(String name, List<URI> urls, TlsOptions tls) {
        public RemoteGateway {
            urls = List.copyOf(urls);
        }
    }

    /** Whether inbound gateways must authenticate. */
    public boolean authRequired() {
        return user != null;
    }

    /** An options copy for tests and embedding: the same gateway listening elsewhere. */
    public GatewayOptions withListen(String newHost, int newPort) {
        return new GatewayOptions(name, newHost, newPort, advertise, connectRetries, user, password, authTimeout,
                tls, rejectUnknown, gateways);
    }

    public GatewayOptions withTls(TlsOptions newTls) {
        return new GatewayOptions(name, host, port, advertise, connectRetries, user, password, authTimeout,
                newTls, rejectUnknown, gateways);
    }

    public GatewayOptions withGateways(List<RemoteGateway> remotes) {
        return new GatewayOptions(name, host, port, advertise, connectRetries, user, password, authTimeout,
                tls, rejectUnknown, remotes);
    }
}
