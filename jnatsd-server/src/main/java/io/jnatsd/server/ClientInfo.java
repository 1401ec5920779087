package io.jnatsd.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.GoJson;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("server_id", serverId);
        info.put("server_name", options.serverName() == null ? serverId : options.serverName());
        info.put("version", Versions.PROTOCOL_VERSION);
        info.put("proto", 1);
        info.put("go", Versions.RUNTIME);
        info.put("host", advertisedHost);
        info.put("port", advertisedPort);
        info.put("headers", !options.noHeaderSupport());
        if (authRequired) {
            info.put("auth_required", true);
        }
        if (options.tls() != null) {
            if (options.allowNonTls()) {
                info.put("tls_available", true);
            } else {
                info.put("tls_required", true);
            }
            if (options.tls().verify()) {
                info.put("tls_verify", true);
            }
        }
        info.put("max_payload", options.maxPayload());
        if (client != null) {
            info.put("client_id", client.id());
            InetSocketAddress remote = client.remoteAddress();
            info.put("client_ip", remote == null ? "" : remote.getAddress().getHostAddress());
        }
        if (nonce != null) {
            info.put("nonce", nonce);
        }
        if (clusterName != null) {
            info.put("cluster", clusterName);
        }
        if (connectUrls != null && !connectUrls.isEmpty()) {
            info.put("connect_urls", connectUrls);
        }
        if (lameDuck) {
            info.put("ldm", true);
        }
        try {
            return "INFO " + GoJson.compact().writeValueAsString(info) + " \r\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
