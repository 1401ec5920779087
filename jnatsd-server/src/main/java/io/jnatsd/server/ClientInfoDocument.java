package io.jnatsd.server;

import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.UserClaims;
import io.jnatsd.protocol.GoTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * nats-server's ClientInfo of one client connection, as connect and disconnect advisories carry
 * it and a shared service import's {@code Nats-Request-Info} header: empty fields are left out.
 */
public final class ClientInfoDocument {
    private ClientInfoDocument() {
    }

    /**
     * @param server  the server the client is connected to, null to leave it out (advisories)
     * @param cluster that server's cluster, null or empty to leave it out
     */
    public static Map<String, Object> of(ConnectionSnapshot connection, String server, String cluster) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("start", GoTime.timestamp(connection.start()));
        putIfPresent(info, "host", connection.ip());
        info.put("id", connection.cid());
        info.put("acc", connection.account());
        putIfPresent(info, "user", connection.user());
        putIfPresent(info, "name", connection.name());
        putIfPresent(info, "lang", connection.lang());
        putIfPresent(info, "ver", connection.version());
        if (connection.rttNanos() > 0) {
            info.put("rtt", connection.rttNanos());
        }
        putIfPresent(info, "server", server);
        putIfPresent(info, "cluster", cluster);
        if (connection.stop() != null) {
            info.put("stop", GoTime.timestamp(connection.stop()));
        }
        putJwtUser(info, connection.jwt());
        info.put("kind", "Client");
        info.put("client_type", "nats");
        return info;
    }

    /** A JWT user: its JWT, the key that signed it and its name, as nats-server adds them. */
    private static void putJwtUser(Map<String, Object> info, String jwt) {
        if (jwt == null || jwt.isEmpty()) {
            return;
        }
        try {
            UserClaims user = UserClaims.decode(jwt);
            info.put("jwt", jwt);
            info.put("issuer_key", user.issuer());
            putIfPresent(info, "name_tag", user.name());
        } catch (JwtException e) {
            // Only authenticated clients are described, so their JWT decoded before.
        }
    }

    private static void putIfPresent(Map<String, Object> info, String name, String value) {
        if (value != null && !value.isEmpty()) {
            info.put(name, value);
        }
    }
}
