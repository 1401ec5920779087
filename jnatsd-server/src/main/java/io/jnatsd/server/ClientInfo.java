package io.jnatsd.server;

import io.jnatsd.protocol.Versions;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.GoJsonObject;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The INFO a client receives, with nats-server's field names and order (CLIENT.md §3.1).
 * Generated INFO lines end with {@code "} \r\n"} as nats-server's do.
 */
final class ClientInfo {
    private final String serverId;
    private final ServerOptions options;
    private final boolean authRequired;
    private final String advertisedHost;
    private final int advertisedPort;

    ClientInfo(String serverId, ServerOptions options, boolean authRequired, String host, int port) {
        this.serverId = serverId;
        this.options = options;
        this.authRequired = authRequired;
        this.advertisedHost = host;
        this.advertisedPort = port;
    }

    String line(ClientConnection client, String nonce, List<String> connectUrls, String clusterName, boolean lameDuck) {
        GoJsonObject info = new GoJsonObject()
                .field("server_id", serverId)
                .field("server_name", options.serverName() == null ? serverId : options.serverName())
                .field("version", Versions.PROTOCOL_VERSION)
                .field("proto", 1)
                .field("go", Versions.RUNTIME)
                .field("host", advertisedHost)
                .field("port", advertisedPort)
                .field("headers", !options.noHeaderSupport());
        if (authRequired) {
            info.field("auth_required", true);
        }
        if (options.tls() != null) {
            if (options.allowNonTls()) {
                info.field("tls_available", true);
            } else {
                info.field("tls_required", true);
            }
            if (options.tls().verify()) {
                info.field("tls_verify", true);
            }
        }
        info.field("max_payload", client == null ? options.maxPayload() : client.maxPayload());
        if (client != null) {
            info.field("client_id", client.id());
            InetSocketAddress remote = client.remoteAddress();
            info.field("client_ip", remote == null ? "" : remote.getAddress().getHostAddress());
        }
        if (nonce != null) {
            info.field("nonce", nonce);
        }
        if (clusterName != null) {
            info.field("cluster", clusterName);
        }
        if (connectUrls != null && !connectUrls.isEmpty()) {
            info.field("connect_urls", connectUrls);
        }
        if (lameDuck) {
            info.field("ldm", true);
        }
        return "INFO " + info + " \r\n";
    }
}
