package io.jnatsd.protocol.route;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.jnatsd.protocol.ProtocolException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A route INFO (ROUTES.md §3), both ours and a peer's. Field names and order are nats-server's;
 * absent values are omitted (null, false and 0 where Go omits empty values). Unknown fields of a
 * peer's INFO are ignored. Read and written by {@link RouteJson}, field by field.
 */
public final class RouteInfo {
    public String serverId;
    public String serverName;
    public String version;
    public int proto;
    public String go;
    public String host;
    public int port;
    public boolean headers;
    public boolean authRequired;
    public boolean tlsRequired;
    public boolean tlsVerify;
    public long maxPayload;
    public String ip;
    public String nonce;
    public String cluster;
    public boolean clusterDynamic;
    public List<String> connectUrls;
    public boolean lameDuck;
    public String compression;
    public Map<String, List<String>> importPermissions;
    public Map<String, List<String>> exportPermissions;
    public boolean lnoc;
    public boolean lnocu;
    public int routePoolSize;
    public int routePoolIndex;
    public String routeAccount;
    public String gatewayUrl;
    /** With {@code gateway_cmd} 1: a remote gateway and its URLs (GATEWAYS.md §2.3). */
    public String gateway;
    public List<String> gatewayUrls;
    public int gatewayCommand;
    public String routeAccountAddRequestId;

    public static RouteInfo parse(String json) throws ProtocolException {
        RouteInfo info = new RouteInfo();
        RouteJson.readObject(json, "Info", (name, value) -> info.read(name, value));
        return info;
    }

    private boolean read(String name, JsonParser value) throws IOException {
        switch (name) {
            case "server_id" -> serverId = RouteJson.string(value);
            case "server_name" -> serverName = RouteJson.string(value);
            case "version" -> version = RouteJson.string(value);
            case "proto" -> proto = (int) RouteJson.number(value);
            case "go" -> go = RouteJson.string(value);
            case "host" -> host = RouteJson.string(value);
            case "port" -> port = (int) RouteJson.number(value);
            case "headers" -> headers = RouteJson.bool(value);
            case "auth_required" -> authRequired = RouteJson.bool(value);
            case "tls_required" -> tlsRequired = RouteJson.bool(value);
            case "tls_verify" -> tlsVerify = RouteJson.bool(value);
            case "max_payload" -> maxPayload = RouteJson.number(value);
            case "ip" -> ip = RouteJson.string(value);
            case "nonce" -> nonce = RouteJson.string(value);
            case "cluster" -> cluster = RouteJson.string(value);
            case "cluster_dynamic" -> clusterDynamic = RouteJson.bool(value);
            case "connect_urls" -> connectUrls = RouteJson.strings(value);
            case "ldm" -> lameDuck = RouteJson.bool(value);
            case "compression" -> compression = RouteJson.string(value);
            case "import" -> importPermissions = RouteJson.permissions(value);
            case "export" -> exportPermissions = RouteJson.permissions(value);
            case "lnoc" -> lnoc = RouteJson.bool(value);
            case "lnocu" -> lnocu = RouteJson.bool(value);
            case "route_pool_size" -> routePoolSize = (int) RouteJson.number(value);
            case "route_pool_idx" -> routePoolIndex = (int) RouteJson.number(value);
            case "route_account" -> routeAccount = RouteJson.string(value);
            case "gateway_url" -> gatewayUrl = RouteJson.string(value);
            case "gateway" -> gateway = RouteJson.string(value);
            case "gateway_urls" -> gatewayUrls = RouteJson.strings(value);
            case "gateway_cmd" -> gatewayCommand = (int) RouteJson.number(value);
            case "route_acc_add_reqid" -> routeAccountAddRequestId = RouteJson.string(value);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A field-by-field copy, to derive per-connection and gossip variants. */
    public RouteInfo copy() {
        try {
            return parse(json());
        } catch (ProtocolException e) {
            throw new IllegalStateException(e);
        }
    }

    public String json() {
        return RouteJson.writeObject(this::write);
    }

    private void write(JsonGenerator out) throws IOException {
        string(out, "server_id", serverId);
        string(out, "server_name", serverName);
        string(out, "version", version);
        number(out, "proto", proto);
        string(out, "go", go);
        string(out, "host", host);
        number(out, "port", port);
        flag(out, "headers", headers);
        flag(out, "auth_required", authRequired);
        flag(out, "tls_required", tlsRequired);
        flag(out, "tls_verify", tlsVerify);
        number(out, "max_payload", maxPayload);
        string(out, "ip", ip);
        string(out, "nonce", nonce);
        string(out, "cluster", cluster);
        flag(out, "cluster_dynamic", clusterDynamic);
        if (connectUrls != null) {
            RouteJson.stringsField(out, "connect_urls", connectUrls);
        }
        flag(out, "ldm", lameDuck);
        string(out, "compression", compression);
        if (importPermissions != null) {
            RouteJson.permissionsField(out, "import", importPermissions);
        }
        if (exportPermissions != null) {
            RouteJson.permissionsField(out, "export", exportPermissions);
        }
        flag(out, "lnoc", lnoc);
        flag(out, "lnocu", lnocu);
        number(out, "route_pool_size", routePoolSize);
        number(out, "route_pool_idx", routePoolIndex);
        string(out, "route_account", routeAccount);
        string(out, "gateway_url", gatewayUrl);
        string(out, "gateway", gateway);
        if (gatewayUrls != null) {
            RouteJson.stringsField(out, "gateway_urls", gatewayUrls);
        }
        number(out, "gateway_cmd", gatewayCommand);
        string(out, "route_acc_add_reqid", routeAccountAddRequestId);
    }

    private static void string(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator out, String name, long value) throws IOException {
        if (value != 0) {
            out.writeNumberField(name, value);
        }
    }

    private static void flag(JsonGenerator out, String name, boolean value) throws IOException {
        if (value) {
            out.writeBooleanField(name, true);
        }
    }

    /** The INFO line as generated by a server ({@code "} \r\n"}). */
    public String line() {
        return "INFO " + json() + " \r\n";
    }

    /** The INFO line as forwarded in gossip ({@code "}\r\n"}). */
    public String gossipLine() {
        return "INFO " + json() + "\r\n";
    }
}
