package io.jnatsd.protocol.route;

import io.jnatsd.protocol.ProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route INFO (ROUTES.md §3), both ours and a peer's. Field names and order are nats-server's;
 * absent values are omitted (null, false and 0 where Go omits empty values). Unknown fields of a
 * peer's INFO are ignored. Read and written by {@link RouteJson}, field by field.
 */
public final class RouteInfo implements Cloneable {
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
    /** The sender's websocket client URLs, for its peers' websocket clients' {@code connect_urls}. */
    public List<String> wsConnectUrls;
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
    /** The sender's leaf node URL (at most one), for its peers' leafs' {@code leafnode_urls}. */
    public List<String> leafnodeUrls;
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

    boolean read(String name, FieldValue value) throws IOException {
        switch (name) {
            case "server_id" -> serverId = value.string();
            case "server_name" -> serverName = value.string();
            case "version" -> version = value.string();
            case "proto" -> proto = (int) value.number();
            case "go" -> go = value.string();
            case "host" -> host = value.string();
            case "port" -> port = (int) value.number();
            case "headers" -> headers = value.bool();
            case "auth_required" -> authRequired = value.bool();
            case "tls_required" -> tlsRequired = value.bool();
            case "tls_verify" -> tlsVerify = value.bool();
            case "max_payload" -> maxPayload = value.number();
            case "ip" -> ip = value.string();
            case "nonce" -> nonce = value.string();
            case "cluster" -> cluster = value.string();
            case "cluster_dynamic" -> clusterDynamic = value.bool();
            case "connect_urls" -> connectUrls = value.strings();
            case "ws_connect_urls" -> wsConnectUrls = value.strings();
            case "leafnode_urls" -> leafnodeUrls = value.strings();
            case "ldm" -> lameDuck = value.bool();
            case "compression" -> compression = value.string();
            case "import" -> importPermissions = value.permissions();
            case "export" -> exportPermissions = value.permissions();
            case "lnoc" -> lnoc = value.bool();
            case "lnocu" -> lnocu = value.bool();
            case "route_pool_size" -> routePoolSize = (int) value.number();
            case "route_pool_idx" -> routePoolIndex = (int) value.number();
            case "route_account" -> routeAccount = value.string();
            case "gateway_url" -> gatewayUrl = value.string();
            case "gateway" -> gateway = value.string();
            case "gateway_urls" -> gatewayUrls = value.strings();
            case "gateway_cmd" -> gatewayCommand = (int) value.number();
            case "route_acc_add_reqid" -> routeAccountAddRequestId = value.string();
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * A field-by-field copy, to derive per-connection and gossip variants (a server makes one or
     * two per peer and per gossiped server, so not through JSON). Lists and permission maps are
     * copied too.
     */
    public RouteInfo copy() {
        RouteInfo copy;
        try {
            copy = (RouteInfo) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        copy.connectUrls = copyOf(connectUrls);
        copy.wsConnectUrls = copyOf(wsConnectUrls);
        copy.leafnodeUrls = copyOf(leafnodeUrls);
        copy.gatewayUrls = copyOf(gatewayUrls);
        copy.importPermissions = copyOf(importPermissions);
        copy.exportPermissions = copyOf(exportPermissions);
        return copy;
    }

    private static List<String> copyOf(List<String> list) {
        return list == null ? null : new ArrayList<>(list);
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> permissions) {
        if (permissions == null) {
            return null;
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        permissions.forEach((name, subjects) -> copy.put(name, copyOf(subjects)));
        return copy;
    }

    public String json() {
        return RouteJson.writeObject(this::write);
    }

    void write(FieldSink out) throws IOException {
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
            out.strings("connect_urls", connectUrls);
        }
        if (wsConnectUrls != null) {
            out.strings("ws_connect_urls", wsConnectUrls);
        }
        flag(out, "ldm", lameDuck);
        string(out, "compression", compression);
        if (importPermissions != null) {
            out.permissions("import", importPermissions);
        }
        if (exportPermissions != null) {
            out.permissions("export", exportPermissions);
        }
        flag(out, "lnoc", lnoc);
        flag(out, "lnocu", lnocu);
        number(out, "route_pool_size", routePoolSize);
        number(out, "route_pool_idx", routePoolIndex);
        string(out, "route_account", routeAccount);
        string(out, "gateway_url", gatewayUrl);
        string(out, "gateway", gateway);
        if (gatewayUrls != null) {
            out.strings("gateway_urls", gatewayUrls);
        }
        number(out, "gateway_cmd", gatewayCommand);
        string(out, "route_acc_add_reqid", routeAccountAddRequestId);
        if (leafnodeUrls != null) {
            out.strings("leafnode_urls", leafnodeUrls);
        }
    }

    private static void string(FieldSink out, String name, String value) throws IOException {
        if (value != null) {
            out.string(name, value);
        }
    }

    private static void number(FieldSink out, String name, long value) throws IOException {
        if (value != 0) {
            out.number(name, value);
        }
    }

    private static void flag(FieldSink out, String name, boolean value) throws IOException {
        if (value) {
            out.bool(name, true);
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
