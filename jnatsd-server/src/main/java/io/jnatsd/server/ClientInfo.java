package io.jnatsd.server;

import io.jnatsd.protocol.Versions;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.GoJsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The INFO a client receives, with nats-server's field names and order (CLIENT.md §3.1).
 * Generated INFO lines end with {@code "} \r\n"} as nats-server's do.
 *
 * <p>Every connection gets one, so the line is put together from bytes made once: the head
 * (the server's fields, up to {@code "max_payload":}) when the options are set, the tail
 * ({@code cluster}, {@code connect_urls}, {@code ldm}, {@code xkey}) when it last changed; only the client's own
 * fields are written per connection. Building it whole each time was a quarter of the garbage a
 * connect left behind (issue 14).
 */
final class ClientInfo {
    private final byte[] head;
    private final long maxPayload;
    private final String xkey;
    /** The tail of the latest line; replaced (never changed) when its inputs move. */
    private volatile Tail tail;

    ClientInfo(String serverId, String xkey, ServerOptions options, boolean authRequired, String host, int port) {
        this(serverId, xkey, options, authRequired, host, port, false);
    }

    /**
     * With {@code websocketTls}: the INFO of a {@code wss} listener, which nats-server marks both
     * TLS required and available (the TLS is the listener's, not the client port's).
     */
    ClientInfo(String serverId, String xkey, ServerOptions options, boolean authRequired, String host, int port,
               boolean websocketTls) {
        GoJsonObject info = new GoJsonObject()
                .field("server_id", serverId)
                .field("server_name", options.serverName() == null ? serverId : options.serverName())
                .field("version", Versions.PROTOCOL_VERSION)
                .field("proto", 1)
                .field("go", Versions.RUNTIME)
                .field("host", host)
                .field("port", port)
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
            if (websocketTls) {
                info.field("tls_available", true);
            }
        }
        this.maxPayload = options.maxPayload();
        this.xkey = xkey;
        this.tail = newTail(null, null, false);
        String fields = info.toString();
        this.head = ("INFO " + fields.substring(0, fields.length() - 1) + ",\"max_payload\":")
                .getBytes(StandardCharsets.UTF_8);
    }

    byte[] line(ClientConnection client, String nonce, List<String> connectUrls, String clusterName, boolean lameDuck) {
        StringBuilder own = new StringBuilder(96).append(client == null ? maxPayload : client.maxPayload());
        if (client != null) {
            own.append(",\"client_id\":").append(client.id()).append(",\"client_ip\":");
            InetSocketAddress remote = client.remoteAddress();
            GoJsonObject.appendString(own, remote == null ? "" : remote.getAddress().getHostAddress());
        }
        if (nonce != null) {
            GoJsonObject.appendString(own.append(",\"nonce\":"), nonce);
        }
        byte[] end = tail(connectUrls, clusterName, lameDuck);
        int ownLength = own.length();
        byte[] line = new byte[head.length + ownLength + end.length];
        System.arraycopy(head, 0, line, 0, head.length);
        for (int i = 0; i < ownLength; i++) {
            char c = own.charAt(i);
            if (c >= 0x80) {
                return concat(head, own.toString().getBytes(StandardCharsets.UTF_8), end);
            }
            line[head.length + i] = (byte) c;
        }
        System.arraycopy(end, 0, line, head.length + ownLength, end.length);
        return line;
    }

    private byte[] tail(List<String> connectUrls, String clusterName, boolean lameDuck) {
        Tail current = tail;
        if (current.matches(connectUrls, clusterName, lameDuck)) {
            return current.bytes();
        }
        current = newTail(connectUrls, clusterName, lameDuck);
        tail = current;
        return current.bytes();
    }

    private Tail newTail(List<String> connectUrls, String clusterName, boolean lameDuck) {
        GoJsonObject fields = new GoJsonObject();
        if (clusterName != null) {
            fields.field("cluster", clusterName);
        }
        if (connectUrls != null && !connectUrls.isEmpty()) {
            fields.field("connect_urls", connectUrls);
        }
        if (lameDuck) {
            fields.field("ldm", true);
        }
        String text = fields.field("xkey", xkey).toString();
        byte[] bytes = ("," + text.substring(1) + " \r\n").getBytes(StandardCharsets.UTF_8);
        return new Tail(connectUrls == null ? null : List.copyOf(connectUrls), clusterName, lameDuck, bytes);
    }

    private static byte[] concat(byte[] head, byte[] own, byte[] end) {
        byte[] line = new byte[head.length + own.length + end.length];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(own, 0, line, head.length, own.length);
        System.arraycopy(end, 0, line, head.length + own.length, end.length);
        return line;
    }

    private record Tail(List<String> connectUrls, String clusterName, boolean lameDuck, byte[] bytes) {
        boolean matches(List<String> urls, String cluster, boolean ldm) {
            return ldm == lameDuck && Objects.equals(cluster, clusterName) && Objects.equals(urls, connectUrls);
        }
    }
}
